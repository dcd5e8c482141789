using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Delegation;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// Today's delegations are read once per host for a few seconds (<see cref="TodaysDelegations"/>), not once per request:
/// a change made on a host shows there at once, and on another host sharing the database within the bound.
/// </summary>
public sealed class SharedDelegationTests : IDisposable
{
    private readonly BillingApp first = new BillingApp().WithApprovers();
    private BillingApp? second;

    public void Dispose()
    {
        second?.Dispose();
        first.Dispose();
    }

    private static async Task<List<string>> DecidersAsync(HttpClient http, string id) =>
        (await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync()).Single()!["deciders"]!
            .AsArray().Select(d => d.Str()).ToList();

    [Fact]
    public async Task A_delegation_created_or_ended_on_this_host_counts_in_the_next_request()
    {
        var http = first.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(http, id));

        // No time passes: the host's copy of today's delegations was read by the request above and is still fresh.
        var made = await (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = Fin, endsOn = "2026-12-24" }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.Equal(["Sam Second", "Fin Manager for Dana Approver"], await DecidersAsync(http, id));

        (await http.PostAsJsonAsync($"/api/delegations/{made["id"].Str()}/end", new { by = Dana })).EnsureSuccessStatusCode();
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(http, id));
    }

    [Fact]
    public async Task Another_host_sees_a_new_delegation_within_the_bound()
    {
        var http = first.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        second = BillingApp.SharingDatabaseWith(first).WithApprovers();
        var other = second.Http();
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(other, id));

        (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = Fin, endsOn = "2026-12-24" })).EnsureSuccessStatusCode();
        // The other host read today's delegations just now and keeps them for the bound; just before it ends, still the old map.
        second.Clock.Advance(TodaysDelegations.Bound - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(other, id));
        second.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["Sam Second", "Fin Manager for Dana Approver"], await DecidersAsync(other, id));
    }

    [Fact]
    public async Task A_delegation_set_ahead_counts_from_its_first_day_without_waiting_for_the_bound()
    {
        var http = first.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = Fin, startsOn = "2026-11-23", endsOn = "2026-12-24" }))
            .EnsureSuccessStatusCode();
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(http, id));

        // Midnight: a new day is a new key, whatever was read a moment before.
        first.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
        Assert.Equal(["Dana Approver", "Sam Second"], await DecidersAsync(http, id));
        first.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(["Sam Second", "Fin Manager for Dana Approver"], await DecidersAsync(http, id));
    }
}
