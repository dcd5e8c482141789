using System.Net;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChatBilling.Tests.Delivery;

public sealed class DigestTests
{
    private static async Task<DigestCard> DigestAsync(BillingApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync();
    }

    private static async Task MarkSentAsync(BillingApp app, string id, DateTimeOffset at) => await app.WithDbAsync(async db =>
    {
        var invoice = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(id));
        if (invoice.Status == InvoiceStatus.Draft) db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", at));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", at));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Smtp_down_ends_in_Failed_with_the_reason_listed_in_the_digest()
    {
        using var app = new BillingApp().WithApprovers()
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", SmtpSink.UnusedPort().ToString()).With("Smtp:UseTls", "false")
            .With("Smtp:From", "billing@demo.test").With("Outbox:MaxAttempts", "3");
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
            app.Clock.Advance(TimeSpan.FromHours(2));
        }
        Assert.Equal("Failed", await http.StatusAsync(id));

        var failed = Assert.Single((await DigestAsync(app)).FailedSends.Items);
        Assert.Equal(("INV-2026-0001", "Acme GmbH"), (failed.Number, failed.ClientName));
        Assert.Contains("refused", failed.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_digest_lists_pending_overdue_by_age_and_yesterdays_sends_and_goes_to_managers_once_a_day()
    {
        using var app = new BillingApp().WithApprovers().With("Digest:TimeZone", "Europe/Berlin");
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        foreach (var due in new[] { "2026-11-10", "2026-09-01", "2026-11-21" })
        {
            var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 100, issueDate: "2026-08-01", dueDate: due)))["id"].Str();
            await MarkSentAsync(app, id, BillingApp.Start.AddDays(-1));
        }
        await http.SubmittedInvoiceAsync(26000);

        var card = await DigestAsync(app);
        Assert.False(card.Quiet);
        Assert.Equal("Sunday, 22 November 2026", card.DateLabel);
        Assert.Equal([2, 0, 1, 0], card.OverdueBuckets.Select(b => b.Count));
        Assert.Equal("82 days", card.OverdueBuckets[2].Invoices.Items.Single().DaysOverdue);
        Assert.Equal(3, card.SentYesterday);
        Assert.Equal("Step 1 of 2 · approver", Assert.Single(card.PendingApprovals.Items).Step);
        Assert.Contains("360.00", Assert.Single(card.OverdueTotals).Amount);

        var first = await (await http.PostAsync("/api/jobs/digest/run", null)).ReadAsync(HttpStatusCode.OK);
        var second = await (await http.PostAsync("/api/jobs/digest/run", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("Digest for 2026-11-22 queued.", "Digest for 2026-11-22 was already queued."), (first["summary"].Str(), second["summary"].Str()));
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var digest = MimeMessage.Load(Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml"), f => MimeMessage.Load(f).Subject?.StartsWith("ChatBilling digest") == true));
        Assert.Equal([ApprovalFixture.Fin], digest.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Overdue 61–90 days (1)", digest.TextBody);
        Assert.Contains("Waiting for approval (1)", digest.TextBody);
    }

    [Fact]
    public async Task A_quiet_day_says_so_in_one_line()
    {
        using var app = new BillingApp().WithApprovers();
        app.Http();
        var card = await DigestAsync(app);
        Assert.True(card.Quiet);
        Assert.Equal(3, DigestText.Render(card).Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("All quiet", DigestText.Render(card));
    }
}
