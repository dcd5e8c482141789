using System.Security.Cryptography;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Delivery;

/// <summary>The invoice email end to end: approval and enqueue in one save, the dispatcher, MailKit, a real SMTP server.</summary>
public sealed class SendInvoiceEmailTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = RandomNumberGenerator.GetBytes(30 * 1024);
    private readonly OutboxStore store = new();
    private SmtpSink sink = null!;

    public async Task InitializeAsync()
    {
        await store.InitializeAsync();
        sink = await SmtpSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await sink.DisposeAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Approved_invoice_is_emailed_with_its_pdf_and_becomes_sent_with_an_audit_line()
    {
        var host = Host(sink.Port);
        var invoice = await ApproveAndEnqueueAsync(host);

        Assert.Equal(1, await host.DrainAsync());

        var email = Assert.Single(sink.Received());
        Assert.Equal("billing@acme.example", email.To.Mailboxes.Single().Address);
        Assert.Equal(InvoiceEmailBuilder.MessageIdFor((await SingleMessageAsync(host)).IdempotencyKey), email.MessageId);
        Assert.Equal(SHA256.HashData(Pdf), SHA256.HashData(await ReceivedMail.AttachmentBytesAsync(email)));
        Assert.Contains(NumberLinks.For(invoice).AbsoluteUri, email.TextBody);

        var sent = await FindAsync(host, invoice.Id);
        Assert.Equal((InvoiceStatus.Sent, store.Clock.GetUtcNow()), (sent.Status, sent.SentAt));
        var line = (await HistoryAsync(host, invoice.Id)).Last();
        Assert.Equal(("mailer", "sent", InvoiceStatus.Sent, "Emailed to billing@acme.example."), (line.Actor, line.Action, line.ToStatus, line.Detail));
        Assert.Equal(OutboxStatus.Done, (await SingleMessageAsync(host)).Status);
    }

    [Fact]
    public async Task Smtp_down_retries_with_backoff_then_fails_the_message_and_the_invoice()
    {
        var host = Host(SmtpSink.UnusedPort());
        var invoice = await ApproveAndEnqueueAsync(host);

        for (var attempt = 1; attempt < 4; attempt++)
        {
            Assert.Equal(1, await host.DrainAsync());
            var waiting = await SingleMessageAsync(host);
            Assert.Equal((OutboxStatus.Pending, attempt), (waiting.Status, waiting.Attempts));
            Assert.Contains("Connection refused", waiting.LastError);
            Assert.Equal(InvoiceStatus.Approved, (await FindAsync(host, invoice.Id)).Status);
            store.Clock.SetUtcNow(waiting.NextAttemptAt);
        }
        Assert.Equal(1, await host.DrainAsync());

        var failed = await SingleMessageAsync(host);
        Assert.Equal((OutboxStatus.Failed, 4), (failed.Status, failed.Attempts));
        Assert.StartsWith("Gave up after 4 attempts: ", failed.LastError);
        Assert.Contains("Connection refused", failed.LastError);
        Assert.Equal(InvoiceStatus.Failed, (await FindAsync(host, invoice.Id)).Status);
        var line = (await HistoryAsync(host, invoice.Id)).Last();
        Assert.Equal(("send-failed", InvoiceStatus.Approved, InvoiceStatus.Failed, failed.LastError), (line.Action, line.FromStatus, line.ToStatus, line.Detail));
    }

    [Fact]
    public async Task Invoice_voided_after_it_was_queued_is_not_emailed()
    {
        var host = Host(sink.Port);
        var invoice = await ApproveAndEnqueueAsync(host);
        await OutboxStore.WithDbAsync(host, async db =>
        {
            var stored = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            db.AuditEntries.Add(stored.MoveTo(InvoiceStatus.Void, OutboxStore.Tester, "voided", store.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        Assert.Equal(1, await host.DrainAsync());

        Assert.Equal(0, sink.ReceivedCount);
        Assert.Equal(OutboxStatus.Done, (await SingleMessageAsync(host)).Status);
        Assert.Equal("email-skipped", (await HistoryAsync(host, invoice.Id)).Last().Action);
    }

    private ServiceProvider Host(int smtpPort) => store.Host("host-a",
        services => services.AddSingleton<IInvoicePdfSource>(new FixedPdf(Pdf)).AddSingleton<ICustomerLinks, NumberLinks>(),
        new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = $"{smtpPort}", ["Smtp:UseTls"] = "false" });

    /// <summary>What the approval step does: the status change, its audit line and the email, in one save.</summary>
    private async Task<Invoice> ApproveAndEnqueueAsync(IServiceProvider host)
    {
        var draft = await OutboxStore.DraftInvoiceAsync(host);
        return await OutboxStore.InScopeAsync(host, async sp =>
        {
            var db = sp.GetRequiredService<ChatBillingDb>();
            var outbox = sp.GetRequiredService<OutboxWriter>();
            var invoice = await db.Invoices.SingleAsync(i => i.Id == draft.Id);
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, OutboxStore.Tester, "approved", store.Clock.GetUtcNow()));
            Assert.True(await outbox.EnqueueInvoiceEmailAsync(invoice));
            await outbox.SaveChangesAsync();
            return invoice;
        });
    }

    private static async Task<OutboxMessage> SingleMessageAsync(IServiceProvider host) => Assert.Single(await MessagesAsync(host));

    private static Task<Invoice> FindAsync(IServiceProvider host, Guid id) =>
        OutboxStore.InScopeAsync(host, sp => sp.GetRequiredService<InvoiceService>().FindAsync(id));

    private static Task<IReadOnlyList<Core.Audit.AuditEntry>> HistoryAsync(IServiceProvider host, Guid id) =>
        OutboxStore.InScopeAsync(host, sp => sp.GetRequiredService<InvoiceService>().HistoryAsync(id));
}
