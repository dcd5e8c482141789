using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Integrity;

/// <summary>
/// One poison row per job: the job logs and counts it, the exception queue lists it, and every other item still goes.
/// The rows are written past the API (which refuses them) to stand for data an older build or a hand edit left behind.
/// </summary>
public sealed class JobPoisonTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true").With("Approvals:DeadlineHours", "24");

    public void Dispose() => app.Dispose();

    private async Task<string> RunAsync(HttpClient http, string job)
    {
        var run = await (await http.PostAsync($"/api/jobs/{job}/run", null)).ReadAsync(HttpStatusCode.OK);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        return run["summary"].Str();
    }

    /// <summary>A currency code this build does not know (say, one withdrawn from ISO 4217 since the invoice was made).</summary>
    private Task<int> PoisonCurrencyAsync(string id) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        "UPDATE Invoices SET Currency = 'ZZZ' WHERE Id = {0}", Guid.Parse(id)));

    private async Task<List<string>> QueueAsync()
    {
        var http = app.Http();
        var sign = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email = Dana }) };
        sign.Headers.Add("X-ChatBilling-Console", "1");
        (await http.SendAsync(sign)).EnsureSuccessStatusCode();
        var queue = await (await http.GetAsync("/console/api/exceptions")).ReadAsync(HttpStatusCode.OK);
        return queue["failedSends"]!.AsArray().Select(f => f!["reason"].Str()).ToList();
    }

    private List<string> MailBodies() => Directory.Exists(app.MailFolder)
        ? Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f).TextBody ?? "").ToList()
        : [];

    private async Task<(string Id, string Number)> SentAsync(HttpClient http, string clientId)
    {
        var invoice = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1000, dueDate: "2026-12-01"));
        await app.MarkSentAsync(invoice["id"].Str());
        return (invoice["id"].Str(), invoice["number"].Str());
    }

    [Fact]
    public async Task One_unreadable_invoice_does_not_stop_escalations_for_the_others()
    {
        var http = app.Http();
        var broken = await http.SubmittedInvoiceAsync(5000);
        var fine = await http.SubmittedInvoiceAsync(6000);
        // SQLite keeps whatever text it is given; this date cannot be read back into the invoice.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Invoices SET IssueDate = 'soon' WHERE Id = {0}", Guid.Parse(broken)));
        app.Clock.Advance(TimeSpan.FromHours(25));

        var summary = await RunAsync(http, "escalations");

        Assert.StartsWith("1 step(s) reminded, 0 escalated. 1 item(s) failed", summary);
        Assert.Contains(await http.HistoryAsync(fine), h => h!["action"].Str() == "approval-reminded");
        Assert.Contains(await QueueAsync(), r => r.Contains("escalations job failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_invoice_the_digest_cannot_show_is_left_out_counted_and_queued_the_rest_is_sent()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var (broken, _) = await SentAsync(http, clientId);
        var (_, fineNumber) = await SentAsync(http, clientId);
        await PoisonCurrencyAsync(broken);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));

        var summary = await RunAsync(http, "digest");

        Assert.Contains("1 item(s) failed", summary);
        var digest = Assert.Single(MailBodies());
        Assert.Contains(fineNumber, digest);
        Assert.Contains("Overdue 1–30 days (1)", digest);
        Assert.Contains(await QueueAsync(), r => r.Contains("digest job failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_invoice_the_reconciliation_cannot_write_is_marked_counted_and_queued_the_rest_is_sent()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var (broken, brokenNumber) = await SentAsync(http, clientId);
        var (_, fineNumber) = await SentAsync(http, clientId);
        foreach (var (number, reference) in new[] { (brokenNumber, "P-1"), (fineNumber, "P-2") })
            (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = number, amount = 100m, paidOn = "2026-11-22", reference }))
                .EnsureSuccessStatusCode();
        await PoisonCurrencyAsync(broken);

        var summary = await RunAsync(http, "reconciliation");

        Assert.Contains("1 item(s) failed", summary);
        var report = Assert.Single(MailBodies());
        Assert.Contains($"{fineNumber} · Acme GmbH · paid", report);
        Assert.Contains($"{brokenNumber}: cannot be shown", report);
        Assert.Contains(await QueueAsync(), r => r.Contains("reconciliation job failed", StringComparison.Ordinal));
    }
}
