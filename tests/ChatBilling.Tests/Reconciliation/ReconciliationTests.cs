using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChatBilling.Tests.Reconciliation;

public sealed class ReconciliationTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    /// <summary>A sent invoice of 1,200.00 EUR due on <paramref name="dueDate"/>; returns its number.</summary>
    private async Task<(string Id, string Number)> SentInvoiceAsync(HttpClient http, string clientId, string dueDate)
    {
        var invoice = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1000, issueDate: "2026-10-01", dueDate: dueDate));
        var id = invoice["id"].Str();
        await app.MarkSentAsync(id);
        return (id, invoice["number"].Str());
    }

    /// <summary>Records a payment; one that cannot be applied is kept as an exception (202).</summary>
    private static async Task PayAsync(HttpClient http, string invoiceNumber, decimal amount, string reference, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber, amount, paidOn = "2026-11-20", reference }))
            .ReadAsync(expected);

    /// <summary>One of each exception, plus a clean payment and a plain overdue invoice that are not exceptions.</summary>
    private async Task<HttpClient> MixedBookAsync()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var partial = await SentInvoiceAsync(http, clientId, "2026-12-22");
        var shortPaid = await SentInvoiceAsync(http, clientId, "2026-11-10");
        var overpaid = await SentInvoiceAsync(http, clientId, "2026-12-22");
        var settled = await SentInvoiceAsync(http, clientId, "2026-12-22");
        await SentInvoiceAsync(http, clientId, "2026-11-01");
        var voided = await SentInvoiceAsync(http, clientId, "2026-12-22");
        await (await http.PostAsJsonAsync($"/api/invoices/{voided.Id}/void", new { reason = "Wrong client" })).ReadAsync(HttpStatusCode.OK);

        await PayAsync(http, partial.Number, 200m, "BANK-P");
        await PayAsync(http, shortPaid.Number, 500m, "BANK-S1");
        await PayAsync(http, shortPaid.Number, 100m, "BANK-S2");
        await PayAsync(http, overpaid.Number, 1300m, "BANK-O");
        await PayAsync(http, settled.Number, 1200m, "BANK-OK");
        await PayAsync(http, "INV-2026-9999", 75.5m, "BANK-X", HttpStatusCode.Accepted);
        await PayAsync(http, voided.Number, 1200m, "BANK-V");
        return http;
    }

    private static string[] Numbers(JsonNode? list) => list!.AsArray().Select(i => i!["number"].Str()).ToArray();

    [Fact]
    public async Task The_report_lists_each_kind_of_mismatch_once_and_nothing_that_matches()
    {
        var http = await MixedBookAsync();

        var report = await (await http.GetAsync("/api/reconciliation")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-W47", "2026-11-22"), (report["isoWeek"].Str(), report["asOf"].Str()));
        var unmatched = report["unmatchedPayments"]!.AsArray();
        Assert.Equal([("BANK-X", "no such invoice"), ("BANK-V", "invoice is void")],
            unmatched.Select(p => (p!["reference"].Str(), p["problem"].Str())).OrderBy(p => p.Item1 == "BANK-V"));
        Assert.True(unmatched.All(p => p!["new"]!.GetValue<bool>()));

        Assert.Equal(["INV-2026-0003"], Numbers(report["overpayments"]));
        Assert.Equal(-100m, report["overpayments"]![0]!["difference"]!.GetValue<decimal>());
        Assert.Equal(["INV-2026-0001"], Numbers(report["partialPayments"]));

        var shortPaid = Assert.Single(report["pastDueWithPayment"]!.AsArray())!;
        Assert.Equal(("INV-2026-0002", 600m, 12), (shortPaid["number"].Str(), shortPaid["difference"]!.GetValue<decimal>(), shortPaid["daysPastDue"]!.GetValue<int>()));
        Assert.Equal(["BANK-S1", "BANK-S2"], shortPaid["paymentReferences"]!.AsArray().Select(r => r.Str()));
        Assert.Equal(5, report["total"]!.GetValue<int>());

        await using var scope = app.Services.CreateAsyncScope();
        var digest = await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync();
        Assert.Equal("Reconciliation: 2 payment(s) with no invoice, 1 overpaid, 1 past due with a payment, 1 partly paid", digest.Reconciliation);
    }

    [Fact]
    public async Task A_payment_matched_by_hand_leaves_the_report_and_counts_towards_its_invoice()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var (_, number) = await SentInvoiceAsync(http, clientId, "2026-11-10");
        var lost = await (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = "INV-2026-O001", amount = 200m, paidOn = "2026-11-20", reference = "BANK-TYPO" }))
            .ReadAsync(HttpStatusCode.Accepted);
        var before = await (await http.GetAsync("/api/reconciliation")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("BANK-TYPO", 0), (before["unmatchedPayments"]![0]!["reference"].Str(), before["pastDueWithPayment"]!.AsArray().Count));

        await (await http.PostAsJsonAsync($"/api/payments/{lost["id"].Str()}/match", new { invoiceNumber = number })).ReadAsync(HttpStatusCode.OK);
        var after = await (await http.GetAsync("/api/reconciliation")).ReadAsync(HttpStatusCode.OK);
        Assert.Empty(after["unmatchedPayments"]!.AsArray());
        var shortPaid = Assert.Single(after["pastDueWithPayment"]!.AsArray())!;
        Assert.Equal((number, 1000m), (shortPaid["number"].Str(), shortPaid["difference"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_book_that_matches_reports_nothing()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        await PayAsync(http, (await SentInvoiceAsync(http, clientId, "2026-12-22")).Number, 1200m, "BANK-1");
        var report = await (await http.GetAsync("/api/reconciliation")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0, report["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_weekly_report_is_emailed_to_managers_once_per_iso_week()
    {
        var http = await MixedBookAsync();

        async Task<string> Run() => (await (await http.PostAsync("/api/jobs/reconciliation/run", null)).ReadAsync(HttpStatusCode.OK))["summary"].Str();
        Assert.Equal("Reconciliation report for 2026-W47 queued.", await Run());
        Assert.Equal("Reconciliation report for 2026-W47 was already queued.", await Run());
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal("Reconciliation report for 2026-W47 was already queued.", await Run());
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        var report = Assert.Single(Emails(), m => m.Subject?.StartsWith("ChatBilling reconciliation", StringComparison.Ordinal) == true);
        Assert.Equal("ChatBilling reconciliation, 2026-W47: 5 exception(s)", report.Subject);
        Assert.Equal([ApprovalFixture.Fin], report.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Payments with no invoice (2)", report.TextBody);
        Assert.Contains("INV-2026-0002 · Acme GmbH · €600.00 still owed, 12 days past due · refs BANK-S1, BANK-S2", report.TextBody);

        // Monday is a new ISO week and a new report.
        app.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal("Reconciliation report for 2026-W48 queued.", await Run());
    }

    private List<MimeMessage> Emails() => Directory.Exists(app.MailFolder)
        ? Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList()
        : [];
}
