using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChatBilling.Tests.Cards;

namespace ChatBilling.Tests.Conversations;

/// <summary>The conversation service against a real database; today is Sunday 22 November 2026.</summary>
public sealed class BotAnswersTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    private async Task<BotAnswer> AskAsync(string text, BotAsker? asker = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotAnswers>().AnswerAsync(text, asker);
    }

    private async Task<InvoiceListCard> ListAsync(string text, BotAsker? asker = null) => Assert.IsType<InvoiceListCard>((await AskAsync(text, asker)).Card);

    /// <summary>Creates an invoice for a new client and marks it sent, as the delivery job would; returns its id.</summary>
    internal static async Task<Guid> SentInvoiceAsync(BillingApp app, string client, string currency, decimal price, string dueDate)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync(currency, client))["id"].Str();
        var id = Guid.Parse((await http.CreateInvoiceAsync(Rest.Invoice(clientId, price, issueDate: "2026-10-01", dueDate: dueDate)))["id"].Str());
        await app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Id == id);
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", app.Clock.GetUtcNow()));
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private Task<Guid> SentAsync(string client, string currency, decimal price, string dueDate) => SentInvoiceAsync(app, client, currency, price, dueDate);

    [Fact]
    public async Task Overdue_lists_oldest_debt_first_with_what_is_still_owed_per_currency()
    {
        var acme = await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");
        await SentAsync("Bolt Ltd", "GBP", 50, "2026-11-20");
        await SentAsync("Acme Two", "EUR", 10, "2026-11-15");
        await SentAsync("Not Yet Inc", "EUR", 999, "2026-11-30");
        (await app.Http().PostAsJsonAsync("/api/payments", new { invoiceId = acme, amount = 20m, paidOn = "2026-11-21", reference = "BANK-1" }))
            .EnsureSuccessStatusCode();

        var answer = await AskAsync("<@U1> what's overdue?");

        var card = Assert.IsType<InvoiceListCard>(answer.Card);
        Assert.Equal(["Acme GmbH", "Acme Two", "Bolt Ltd"], card.Items.Items.Select(i => i.ClientName));
        Assert.Equal("21 days overdue", card.Items.Items[0].Note);
        // 120 billed with tax, 20 paid: 100 still owed, plus 12 for Acme Two.
        Assert.Contains("100.00", card.Items.Items[0].Amount);
        Assert.Contains("€20.00 of €120.00 paid", card.Items.Items[0].Detail);
        Assert.Equal(["EUR", "GBP"], card.Totals.Select(t => t.Currency));
        Assert.Contains("112.00", card.Totals[0].Amount);
        Assert.Equal("Still owed", card.TotalsLabel);
        Assert.StartsWith("Overdue: 3 invoices", answer.Text);
        Assert.Contains("/console#/invoices?status=overdue", card.ConsoleUrl);

        var narrowed = await ListAsync("overdue for bolt");
        Assert.Equal(["Bolt Ltd"], narrowed.Items.Items.Select(i => i.ClientName));
        Assert.Equal("Overdue for Bolt Ltd", narrowed.Title);
    }

    [Fact]
    public async Task Unpaid_includes_invoices_not_yet_due()
    {
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");
        await SentAsync("Not Yet Inc", "EUR", 999, "2026-11-30");

        var card = await ListAsync("unpaid");

        Assert.Equal(["Acme GmbH", "Not Yet Inc"], card.Items.Items.Select(i => i.ClientName));
        Assert.Equal("due in 8 days", card.Items.Items[1].Note);
        Assert.False(card.Items.Items[1].Urgent);
    }

    [Fact]
    public async Task Pending_over_10k_filters_by_amount_and_an_empty_answer_says_what_it_filtered()
    {
        var http = app.Http();
        await http.SubmittedInvoiceAsync(26000);
        await http.SubmittedInvoiceAsync(5000);
        app.Clock.Advance(TimeSpan.FromHours(5));

        var card = await ListAsync("show pending over 10k");
        var item = Assert.Single(card.Items.Items);
        Assert.Equal("Step 1 of 2 · approver · Dana Approver or Sam Second", item.Detail);
        Assert.Equal("waiting 5 h", item.Note);
        Assert.Equal(["over 10,000"], card.Chips);

        var none = await AskAsync("pending over €50k");
        Assert.Equal("Waiting for approval, over €50,000.00, in EUR: none.", none.Text);
        Assert.Equal(["over €50,000.00", "in EUR"], none.Understood);
    }

    [Fact]
    public async Task My_approvals_need_the_asker_and_show_only_what_they_may_decide()
    {
        var http = app.Http();
        await http.SubmittedInvoiceAsync(5000);
        var big = await http.SubmittedInvoiceAsync(40000);

        var dana = await ListAsync("what do I need to approve", new BotAsker(ApprovalFixture.Dana, "Dana Approver"));
        var sam = await ListAsync("my approvals", new BotAsker(ApprovalFixture.Sam, "Sam Second"));
        var fin = await ListAsync("my approvals", new BotAsker(ApprovalFixture.Fin, "Fin Manager"));
        var nobody = await AskAsync("my approvals");

        // Dana may approve up to 30,000; Sam has no limit; Fin holds finance, which is step 2 and not open yet.
        Assert.Equal(1, dana.Items.Total);
        Assert.Equal(2, sam.Items.Total);
        Assert.Equal(0, fin.Items.Total);
        Assert.Equal("Waiting for your approval: none.", fin.EmptyLine);
        Assert.IsType<HelpCard>(nobody.Card);
        Assert.Contains("who you are", nobody.Reason);
        Assert.NotEmpty(big);
    }

    [Fact]
    public async Task Status_shows_steps_with_names_who_may_decide_next_and_by_when_and_no_hashes()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000);
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(System.Net.HttpStatusCode.OK);

        var answer = await AskAsync("who needs to approve inv-2026-0001?");

        var card = Assert.IsType<InvoiceStatusCard>(answer.Card);
        Assert.Equal(("INV-2026-0001", "Waiting for approval"), (card.Number, card.Status));
        Assert.Equal(2, card.Steps.Total);
        Assert.StartsWith("Approved by Dana Approver, 22 Nov 09:00 UTC", card.Steps.Items[0].State);
        Assert.Equal("Waiting for Fin Manager · decide by 23 Nov 09:00 UTC", card.Steps.Items[1].State);
        Assert.True(card.Steps.Items[1].Open);
        Assert.Contains(card.Timeline.Items, t => t.Text == "Approved by Dana Approver; the next step is open");
        var everything = string.Join("\n", card.Timeline.Items.Select(t => t.Text).Concat(card.Steps.Items.Select(s => s.State)));
        Assert.DoesNotContain("@example.com", everything);
        Assert.DoesNotMatch("[0-9a-f]{32}", everything);
        Assert.DoesNotContain("PendingApproval", everything + card.Status);
        Assert.Contains("Step 2 of 2 · finance: Waiting for Fin Manager", answer.Text);
    }

    [Fact]
    public async Task A_clients_balance_is_found_by_a_name_typed_without_accents()
    {
        await SentAsync("Łukasiewicz Sp. z o.o.", "PLN", 1000, "2026-12-10");
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");

        var answer = await AskAsync("how much does lukasiewicz owe");

        var card = Assert.IsType<InvoiceListCard>(answer.Card);
        Assert.Equal("Łukasiewicz Sp. z o.o. owes", card.Title);
        Assert.Equal("PLN", Assert.Single(card.Totals).Currency);
        Assert.Contains("1,200.00", card.Totals[0].Amount);
    }

    [Fact]
    public async Task Amounts_and_dates_follow_the_askers_locale()
    {
        await SentAsync("Acme GmbH", "EUR", 1000, "2026-11-01");

        var card = await ListAsync("overdue", new BotAsker(null, null, "de-DE"));

        Assert.Contains("1.200,00", card.Items.Items[0].Amount);
        Assert.Contains("Nov.", card.Items.Items[0].Detail);
    }

    [Fact]
    public async Task Long_lists_show_the_fifteen_most_urgent_and_how_many_more()
    {
        for (var i = 1; i <= 18; i++) await SentAsync($"Client {i:00}", "EUR", 100, $"2026-11-{i:00}");

        var card = await ListAsync("overdue");

        Assert.Equal((15, 18, 3), (card.Items.Items.Count, card.Items.Total, card.Items.More));
        Assert.Equal("Client 01", card.Items.Items[0].ClientName);
    }

    [Fact]
    public async Task Sent_and_paid_in_a_period_and_failed_sends()
    {
        var id = await SentAsync("Acme GmbH", "EUR", 100, "2026-12-01");
        (await app.Http().PostAsJsonAsync("/api/payments", new { invoiceId = id, amount = 120m, paidOn = "2026-11-22", reference = "BANK-9" }))
            .EnsureSuccessStatusCode();

        Assert.Equal(1, (await ListAsync("sent today")).Items.Total);
        Assert.Equal(1, (await ListAsync("paid this week")).Items.Total);
        Assert.Equal(0, (await ListAsync("paid last month")).Items.Total);
        Assert.Equal("Failed sends: none.", (await AskAsync("failed sends")).Text);
    }

    [Theory]
    [InlineData("sing a song", "I did not understand \"sing a song\".")]
    [InlineData("pending 10k", "I did not understand \"10k\".")]
    [InlineData("status INV-2099-0001", "There is no invoice INV-2099-0001.")]
    [InlineData("overdue for zebra", "I know no client called \"zebra\".")]
    public async Task Questions_not_understood_get_a_reason_and_suggestions_not_just_help(string question, string reason)
    {
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");

        var answer = await AskAsync(question);

        var help = Assert.IsType<HelpCard>(answer.Card);
        Assert.Equal(reason, answer.Reason);
        Assert.Equal(reason, help.Reason);
        Assert.InRange(answer.Suggestions.Count, 1, 3);
        Assert.Equal(answer.Suggestions, help.Suggestions);
        Assert.StartsWith(reason + " Did you mean", answer.Text);
    }

    [Theory]
    [InlineData("Acme-17", "status acme-17")]
    [InlineData("Acme-17", "status ACME-17")]
    [InlineData("Acme-17", "status Acme-17")]
    [InlineData("q4-retainer", "status Q4-RETAINER")]
    public async Task Status_finds_a_hand_given_number_whatever_case_it_is_typed_in(string stored, string question)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync("EUR", "Acme GmbH"))["id"].Str();
        await http.CreateInvoiceAsync(Rest.Invoice(clientId, number: stored));

        var answer = await AskAsync(question);

        Assert.Equal(stored, Assert.IsType<InvoiceStatusCard>(answer.Card).Number);
    }

    [Fact]
    public async Task Status_finds_a_generated_number_typed_in_lower_case()
    {
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");

        var answer = await AskAsync("status inv-2026-0001");

        Assert.Equal("INV-2026-0001", Assert.IsType<InvoiceStatusCard>(answer.Card).Number);
    }

    [Fact]
    public async Task A_lone_client_name_suggests_questions_about_that_client()
    {
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");

        var answer = await AskAsync("acme");

        Assert.Equal(["how much does Acme GmbH owe", "overdue for Acme GmbH", "pending for Acme GmbH"], answer.Suggestions);
    }

    [Fact]
    public async Task Every_answer_binds_into_both_channels_templates()
    {
        await SentAsync("Acme GmbH", "EUR", 100, "2026-11-01");
        foreach (var question in new[] { "overdue", "pending", "help", "status INV-2026-0001", "status INV-0", "nonsense words", "paid this week" })
        {
            var answer = await AskAsync(question);
            Assert.NotEmpty(Dialects.Bind($"teams/{answer.TemplateName}", answer.Card).ToJsonString());
            Assert.NotEmpty(Dialects.Bind($"slack/{answer.TemplateName}", answer.Card).ToJsonString());
        }
    }
}
