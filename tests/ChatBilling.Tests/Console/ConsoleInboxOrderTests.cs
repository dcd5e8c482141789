using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Integrity;
using ChatBilling.Tests.Postgres;
using Microsoft.EntityFrameworkCore;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Console;

/// <summary>
/// The console's lists that run in the database: the inbox orders and pages there (cards the viewer may decide first,
/// then the rest, each newest first) and aging sums there. Run on both providers: "may decide" is a SQL predicate
/// that must agree with the buttons on the cards, and decimal sums differ by provider.
/// </summary>
public abstract class ConsoleInboxOrderTests(IProviderApps apps) : IDisposable
{
    // One USD is ten EUR here, so Dana's 30,000 EUR limit is exactly 3,000.00 USD.
    private readonly BillingApp app = apps.NewApp().WithApprovers().With("Console:DevSignIn", "true").With("Approvals:ExchangeRates:USD", "10");

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_inbox_shows_what_the_viewer_may_decide_first_and_each_group_newest_first()
    {
        var api = app.Http();
        var mine1 = await SubmittedAsync(api, 5000);
        var overLimit = await SubmittedAsync(api, 40000);
        var usdAtLimit = await SubmittedAsync(api, 3000, "USD");
        var usdOver = await SubmittedAsync(api, 3000.01m, "USD");
        var financeStep = await SubmittedAsync(api, 26000);
        var mine2 = await SubmittedAsync(api, 1200);
        // Dana approves step 1 of 2; the finance step is next, which Dana neither holds nor may take twice.
        (await api.DecideAsync(financeStep, Dana, "approve")).EnsureSuccessStatusCode();

        var dana = await InboxAsync(Dana);
        Assert.Equal(new[] { mine2, usdAtLimit, mine1, financeStep, usdOver, overLimit }, dana.Select(c => c.Id).ToArray());
        Assert.Equal(new[] { true, true, true, false, false, false }, dana.Select(c => c.CanDecide).ToArray());

        var fin = await InboxAsync(Fin);
        Assert.Equal(new[] { financeStep, mine2, usdOver, usdAtLimit, overLimit, mine1 }, fin.Select(c => c.Id).ToArray());
        Assert.Equal(new[] { true, false, false, false, false, false }, fin.Select(c => c.CanDecide).ToArray());
    }

    [Fact]
    public async Task The_inbox_pages_by_twenty_and_says_how_many_wait()
    {
        var api = app.Http();
        var ids = new List<string>();
        for (var n = 0; n < 21; n++) ids.Add(await SubmittedAsync(api, 1000 + n));
        var dana = await SignedInAsync(Dana);

        var first = await dana.GetAsync("/console/api/inbox");
        Assert.Equal("21", Assert.Single(first.Headers.GetValues("X-Total-Count")));
        var second = await (await dana.GetAsync("/console/api/inbox?page=2")).ReadArrayAsync();
        var shown = (await first.ReadArrayAsync()).Concat(second).Select(c => c!["invoiceId"].Str()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), shown);
    }

    [Fact]
    public async Task Aging_sums_what_is_still_owed_per_bucket_and_dso_uses_the_last_ninety_days_of_sales()
    {
        var api = app.Http();
        var clientId = (await api.CreateClientAsync())["id"].Str();
        async Task<string> SentAsync(decimal total, string issued, string due, int sentDaysAgo)
        {
            var number = (await api.CreateInvoiceAsync(new
            {
                clientId, issueDate = issued, dueDate = due,
                lineItems = new[] { new { description = "Work", quantity = 1m, unitPrice = total, taxRate = 0m } },
            }))["number"].Str();
            await app.WithDbAsync(async db =>
            {
                var invoice = await db.Invoices.SingleAsync(i => i.Number == number);
                var at = BillingApp.Start.AddDays(-sentDaysAgo);
                foreach (var status in new[] { InvoiceStatus.PendingApproval, InvoiceStatus.Approved, InvoiceStatus.Sent })
                    db.AuditEntries.Add(invoice.MoveTo(status, Actor.System, "seeded", at));
                return await db.SaveChangesAsync();
            });
            return number;
        }
        var current = await SentAsync(500, "2026-11-22", "2026-12-22", 0);
        await SentAsync(300, "2026-10-20", "2026-11-10", 30);
        await SentAsync(200, "2026-07-01", "2026-08-01", 140);
        var paid = await SentAsync(250, "2026-11-10", "2026-12-10", 10);
        var voided = await SentAsync(1000, "2026-11-01", "2026-11-15", 20);
        foreach (var (number, amount) in new[] { (current, 100m), (paid, 250m) })
            (await api.PostAsJsonAsync("/api/payments", new { invoiceNumber = number, amount, paidOn = "2026-11-21", reference = $"BANK-{number}" }))
                .EnsureSuccessStatusCode();
        await app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Number == voided);
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Void, Actor.System, "seeded", BillingApp.Start));
            return await db.SaveChangesAsync();
        });

        var aging = await (await (await SignedInAsync(Dana)).GetAsync("/console/api/aging")).ReadAsync(HttpStatusCode.OK);
        var eur = aging["currencies"]!.AsArray().Single()!;
        Assert.Equal("EUR", eur["currency"].Str());
        var buckets = eur["buckets"]!.AsArray().Select(b => (b!["bucket"].Str(), b["count"]!.GetValue<int>(), b["amount"]!.GetValue<decimal>()));
        Assert.Equal(new[] { ("current", 1, 400m), ("1-30", 1, 300m), ("31-60", 0, 0m), ("61-90", 0, 0m), ("90+", 1, 200m) }, buckets.ToArray());
        // Sales in the last 90 days: 500 + 300 + 250 (the voided one and the one sent 140 days ago are not).
        Assert.Equal((900m, 1050m, 77.1m), (eur["receivables"]!.GetValue<decimal>(), eur["creditSales"]!.GetValue<decimal>(), eur["dsoDays"]!.GetValue<decimal>()));
    }

    private async Task<string> SubmittedAsync(HttpClient api, decimal total, string currency = "EUR")
    {
        var clientId = (await api.CreateClientAsync(currency))["id"].Str();
        var id = (await api.CreateInvoiceAsync(new
        {
            clientId, currency, issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Project", quantity = 1m, unitPrice = total, taxRate = 0m } },
        }))["id"].Str();
        (await api.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        // Each change a minute apart, so "newest first" has one answer.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return id;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Http();
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return http;
    }

    private async Task<List<(string Id, bool CanDecide)>> InboxAsync(string email)
    {
        var response = await (await SignedInAsync(email)).GetAsync("/console/api/inbox");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadArrayAsync()).Select(c => (c!["invoiceId"].Str(), c["canDecide"]!.GetValue<bool>())).ToList();
    }
}

public sealed class SqliteConsoleInboxOrderTests() : ConsoleInboxOrderTests(new SqliteApps());

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsoleInboxOrderTests(PostgresServer server) : ConsoleInboxOrderTests(new PostgresApps(server));
