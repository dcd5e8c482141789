using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Conversations;

public sealed class BotAnswersTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    private async Task<BotAnswer> AskAsync(string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotAnswers>().AnswerAsync(text);
    }

    /// <summary>Creates an invoice for a new client and marks it sent, as the delivery job would.</summary>
    private async Task SentInvoiceAsync(HttpClient http, string client, string currency, decimal price, string dueDate)
    {
        var clientId = (await http.CreateClientAsync(currency, client))["id"].Str();
        var id = Guid.Parse((await http.CreateInvoiceAsync(Rest.Invoice(clientId, price, issueDate: "2026-10-01", dueDate: dueDate)))["id"].Str());
        await app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Id == id);
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", app.Clock.GetUtcNow()));
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Overdue_lists_oldest_debt_first_with_totals_per_currency()
    {
        var http = app.Http();
        await SentInvoiceAsync(http, "Acme GmbH", "EUR", 100, "2026-11-01");
        await SentInvoiceAsync(http, "Bolt Ltd", "GBP", 50, "2026-11-20");
        await SentInvoiceAsync(http, "Acme Two", "EUR", 10, "2026-11-15");
        await SentInvoiceAsync(http, "Not Yet Inc", "EUR", 999, "2026-11-30");

        var answer = await AskAsync("<@U1> what's overdue?");
        var card = Assert.IsType<OverdueListCard>(answer.Card);
        Assert.Equal(["Acme GmbH", "Acme Two", "Bolt Ltd"], card.Items.Items.Select(i => i.ClientName));
        Assert.Equal("21 days", card.Items.Items[0].DaysOverdue);
        Assert.Equal(["EUR", "GBP"], card.Totals.Select(t => t.Currency));
        Assert.Contains("132.00", card.Totals[0].Amount);
        Assert.Contains("3 overdue", answer.Text);

        var narrowed = Assert.IsType<OverdueListCard>((await AskAsync("overdue for bolt")).Card);
        Assert.Equal(["Bolt Ltd"], narrowed.Items.Items.Select(i => i.ClientName));
    }

    [Fact]
    public async Task Nothing_overdue_says_so()
    {
        var card = Assert.IsType<OverdueListCard>((await AskAsync("overdue")).Card);
        Assert.Equal(0, card.Items.Total);
        Assert.Equal("Nothing is overdue.", card.EmptyLine);
    }

    [Fact]
    public async Task Pending_shows_the_step_who_can_decide_and_the_age()
    {
        var http = app.Http();
        await http.SubmittedInvoiceAsync(26000);
        app.Clock.Advance(TimeSpan.FromHours(5));
        var card = Assert.IsType<PendingListCard>((await AskAsync("pending")).Card);
        var item = Assert.Single(card.Items.Items);
        Assert.Equal("Step 1 of 2 · approver", item.Step);
        Assert.Equal("Dana Approver, Sam Second", item.WaitingFor);
        Assert.Equal("5 h", item.Age);
    }

    [Fact]
    public async Task Status_shows_the_timeline_of_one_invoice_by_number_in_any_case()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(System.Net.HttpStatusCode.OK);
        var answer = await AskAsync("status of inv-2026-0001");
        var card = Assert.IsType<InvoiceStatusCard>(answer.Card);
        Assert.Equal(("INV-2026-0001", "Approved"), (card.Number, card.Status));
        Assert.Equal(3, card.Timeline.Total);
        Assert.StartsWith("approved by dana@example.com (api) → Approved", card.Timeline.Items[2].Text);
        Assert.Contains("/d/", card.PdfUrl);
    }

    [Theory]
    [InlineData("status INV-2099-0001", "There is no invoice INV-2099-0001.")]
    [InlineData("sing a song", "I did not understand")]
    [InlineData("help", "This is what I can answer")]
    public async Task Anything_else_gets_help_with_a_reason(string question, string text)
    {
        var answer = await AskAsync(question);
        Assert.IsType<HelpCard>(answer.Card);
        Assert.Contains(text, answer.Text);
    }

    [Fact]
    public async Task Every_answer_binds_into_both_channels_templates()
    {
        foreach (var question in new[] { "overdue", "pending", "help", "status INV-0" })
        {
            var answer = await AskAsync(question);
            Assert.NotEmpty(CardTemplates.Bind($"teams/{answer.TemplateName}", answer.Card).ToJsonString());
            Assert.NotEmpty(CardTemplates.Bind($"slack/{answer.TemplateName}", answer.Card).ToJsonString());
        }
    }
}
