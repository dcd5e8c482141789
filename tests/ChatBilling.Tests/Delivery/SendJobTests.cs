using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Delivery;

/// <summary>Approved invoices go out through the outbox to a real SMTP server, with the very PDF that was approved.</summary>
public sealed class SendJobTests : IAsyncLifetime
{
    private SmtpSink smtp = null!;
    private BillingApp app = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpSink.StartAsync();
        app = new BillingApp().WithApprovers()
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:From", "billing@demo.test")
            .With("Smtp:UseTls", "false")
            .With("PublicBaseUrl", "http://billing.test")
            // These tests count the customer's emails; the approvers' request emails are ApprovalRequestEmailTests'.
            .With("Approvals:RequestEmails", "false");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task An_approved_invoice_is_emailed_once_with_the_approved_pdf_and_becomes_sent()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var approvedPdf = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);

        var run = await (await http.PostAsync("/api/jobs/sends/run", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("1 message(s) processed.", run["summary"].Str());
        await http.PostAsync("/api/jobs/sends/run", null);

        var mail = Assert.Single(smtp.Received());
        Assert.Equal("billing@acme.example", mail.To.Mailboxes.Single().Address);
        Assert.Equal(Sha(approvedPdf), Sha(await ReceivedMail.AttachmentBytesAsync(mail)));
        Assert.Equal("Sent", await http.StatusAsync(id));
        Assert.Contains(await http.HistoryAsync(id), h => h!["action"].Str() == "sent");

        // The link in the email opens the customer's page, and the view is recorded.
        var link = Regex.Match(mail.TextBody ?? "", @"http://billing\.test(/i/[A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var page = await http.GetAsync(link);
        Assert.Contains("INV-2026-0001", await page.Content.ReadAsStringAsync());
        Assert.Equal(Sha(approvedPdf), Sha(await http.GetByteArrayAsync(link + "/pdf")));
        var viewed = (await http.HistoryAsync(id)).Where(h => h!["action"].Str() == "viewed").ToList();
        Assert.Single(viewed);
        Assert.Equal("customer", viewed[0]!["actor"].Str());

        // Links expire: after their lifetime the same link is a bare 404.
        app.Clock.Advance(ChatBilling.Core.CustomerLinks.CustomerLinkTokens.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_invoice_with_a_send_date_waits_for_it()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22", sendOn = "2026-11-25",
            lineItems = new[] { new { description = "Retainer", quantity = 1m, unitPrice = 500m, taxRate = 0m } },
        }))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        Assert.Equal("Approved", await http.StatusAsync(id));

        await http.PostAsync("/api/jobs/sends/run", null);
        Assert.Equal(0, smtp.ReceivedCount);
        app.Clock.Advance(TimeSpan.FromDays(3));
        await http.PostAsync("/api/jobs/sends/run", null);
        Assert.Equal(1, smtp.ReceivedCount);
        Assert.Equal("Sent", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_failed_invoice_can_be_sent_again_and_any_unpaid_invoice_voided_with_a_reason()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        await app.WithDbAsync(async db =>
        {
            var invoice = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Invoices, i => i.Id == Guid.Parse(id));
            db.AuditEntries.Add(invoice.MoveTo(ChatBilling.Core.Invoices.InvoiceStatus.Failed, ChatBilling.Core.Audit.Actor.System, "send-failed", app.Clock.GetUtcNow(), "test"));
            return await db.SaveChangesAsync();
        });
        await (await http.PostAsync($"/api/invoices/{id}/void", System.Net.Http.Json.JsonContent.Create(new { reason = "" }))).ReadAsync(HttpStatusCode.BadRequest);

        await (await http.PostAsync($"/api/invoices/{id}/retry-send", null)).ReadAsync(HttpStatusCode.OK);
        await (await http.PostAsync($"/api/invoices/{id}/retry-send", null)).ReadAsync(HttpStatusCode.Conflict);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Equal("Sent", await http.StatusAsync(id));
        Assert.Equal(1, smtp.ReceivedCount);

        var voided = await (await http.PostAsync($"/api/invoices/{id}/void",
            System.Net.Http.Json.JsonContent.Create(new { reason = "Client cancelled the project" }))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Void", voided["status"].Str());
        Assert.Equal("Client cancelled the project", (await http.HistoryAsync(id)).Last()!["detail"].Str());
    }

    [Fact]
    public async Task Unknown_jobs_are_404_and_forged_links_reveal_nothing()
    {
        var http = app.Http();
        await (await http.PostAsync("/api/jobs/launch-rockets/run", null)).ReadAsync(HttpStatusCode.NotFound);
        var forged = await http.GetAsync("/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        // A friendly page for the person who clicked, which gives away nothing about invoices or tokens.
        var body = await forged.Content.ReadAsStringAsync();
        Assert.Equal("text/html", forged.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("INV-", body);
        Assert.DoesNotContain("token", body, StringComparison.OrdinalIgnoreCase);
    }
}
