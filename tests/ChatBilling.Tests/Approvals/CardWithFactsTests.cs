using System.Text.Json;
using ChatBilling.Core.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// <see cref="ApprovalCards.ForNobodyWithFactsAsync"/>, which a Teams click is answered with, is the card everyone else
/// gets for nobody in particular, and hands back the invoice and steps the click's checks read before.
/// </summary>
public sealed class CardWithFactsTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static string Json(ShownCard shown) =>
        JsonSerializer.Serialize(shown with { Card = JsonSerializer.SerializeToElement(shown.Card, shown.Card.GetType()) });

    [Theory]
    [InlineData(false, 5000)]
    [InlineData(true, 5000)]
    [InlineData(false, 30000)] // two steps: approver, then finance
    public async Task The_card_is_the_one_for_nobody_and_the_facts_are_the_invoice_and_its_steps_in_order(bool decide, decimal total)
    {
        var http = app.Http();
        var id = Guid.Parse(await http.SubmittedInvoiceAsync(total));
        if (decide) (await http.DecideAsync(id.ToString(), Dana, "approve")).EnsureSuccessStatusCode();

        var withFacts = await InScopeAsync(sp => sp.GetRequiredService<ApprovalCards>().ForNobodyWithFactsAsync(id));
        var forNobody = await InScopeAsync(sp => sp.GetRequiredService<ApprovalCards>().ForAsync(id, viewerEmail: null));
        var (invoice, steps) = await InScopeAsync(sp => sp.GetRequiredService<ApprovalService>().StepsAsync(id));

        Assert.Equal(Json(forNobody), Json(withFacts.Card));
        Assert.False(withFacts.Card.CanDecide);
        Assert.Equal((invoice.Id, invoice.Status, invoice.Version), (withFacts.Invoice.Id, withFacts.Invoice.Status, withFacts.Invoice.Version));
        Assert.Equal(steps.Select(s => (s.Id, s.Status, s.Round, s.Sequence)), withFacts.Steps.Select(s => (s.Id, s.Status, s.Round, s.Sequence)));
        if (decide)
        {
            // Decided, nothing waits: the channel's shared card is the outcome, the same card.
            var channel = await InScopeAsync(sp => sp.GetRequiredService<ApprovalCards>().ForChannelAsync(id));
            Assert.Equal(Json(channel.Card), Json(withFacts.Card));
        }
    }

    [Fact]
    public async Task An_invoice_that_does_not_exist_is_not_found()
    {
        app.Http();
        await Assert.ThrowsAsync<ChatBilling.Core.Errors.NotFoundException>(() =>
            InScopeAsync(sp => sp.GetRequiredService<ApprovalCards>().ForNobodyWithFactsAsync(Guid.NewGuid())));
    }
}
