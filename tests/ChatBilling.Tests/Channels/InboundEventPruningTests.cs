using System.Net;
using ChatBilling.Core.Channels;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Channels;

public sealed class InboundEventPruningTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    private async Task<bool> DeliverAsync(string eventId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatInbox>().FirstDeliveryAsync("slack", eventId);
    }

    [Fact]
    public async Task Event_ids_are_forgotten_after_thirty_days_and_newer_ones_kept()
    {
        var http = app.Http();
        Assert.True(await DeliverAsync("Ev-old"));
        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.True(await DeliverAsync("Ev-new"));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var run = await (await http.PostAsync("/api/jobs/housekeeping/run", null)).ReadAsync(HttpStatusCode.OK);

        Assert.StartsWith("1 inbound event id(s)", run["summary"].Str());
        Assert.Equal(["Ev-new"], await app.WithDbAsync(db => db.ChatInboundEvents.Select(e => e.EventId).ToListAsync()));
        Assert.False(await DeliverAsync("Ev-new"));
    }
}
