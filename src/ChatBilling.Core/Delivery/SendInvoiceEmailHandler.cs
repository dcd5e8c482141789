using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delivery;

/// <summary>The payload of an <see cref="SendInvoiceEmailHandler.Kind"/> message.</summary>
/// <summary>An invoice to email; <paramref name="Resend"/> when someone asked for a Sent invoice to go again.</summary>
public sealed record InvoiceEmailRequest(Guid InvoiceId, bool Resend = false);

/// <summary>
/// Emails an approved invoice and moves it to Sent; when the outbox gives up, moves it to Failed so the
/// exception queue shows it. Both changes carry an audit line and are saved with the message's outcome.
/// </summary>
public sealed class SendInvoiceEmailHandler(
    ChatBillingDb db, IEmailSender sender, InvoiceEmailBuilder emails, IInvoicePdfSource pdfs, ICustomerLinks links,
    TimeProvider time, SellerCheck seller) : IOutboxHandler
{
    public const string Kind = "invoice.email";

    public static readonly Actor Mailer = new("mailer", "system");

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var invoice = await FindInvoiceAsync(message, ct);
        var resend = message.ReadPayload<InvoiceEmailRequest>().Resend;
        if (invoice.Status is not (InvoiceStatus.Approved or InvoiceStatus.Paid) && !(resend && invoice.Status == InvoiceStatus.Sent))
        {
            // Voided or already sent since it was queued: sending now would be wrong, and retrying will not change that.
            db.AuditEntries.Add(invoice.Record(Mailer, AuditActions.EmailSkipped, time.GetUtcNow(), $"Not emailed: the invoice is {invoice.Status}."));
            return;
        }
        seller.ThrowIfNotReady();
        var client = await db.Clients.FirstAsync(c => c.Id == invoice.ClientId, ct);
        var email = new InvoiceEmail(message.IdempotencyKey, invoice.Number, client.Name, client.Email, invoice.Total,
            invoice.Currency, invoice.DueDate, await links.GetLinkAsync(invoice, ct), await pdfs.GetPdfAsync(invoice, ct), client.Locale,
            Cc: client.ExtraRecipients);
        await sender.SendAsync(emails.Build(email), ct);

        var now = time.GetUtcNow();
        var detail = $"Emailed to {client.Email}{InvoiceEmailOutbox.CopiedTo(client)}.";
        // Money can arrive before the email goes out; a paid invoice stays Paid and only records the email.
        db.AuditEntries.Add(invoice.Status == InvoiceStatus.Approved
            ? invoice.MoveTo(InvoiceStatus.Sent, Mailer, AuditActions.Sent, now, detail)
            : invoice.Record(Mailer, AuditActions.Emailed, now, detail));
    }

    public async Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct)
    {
        var invoice = await FindInvoiceAsync(message, ct);
        var now = time.GetUtcNow();
        var detail = OutboxMessage.Truncate(reason);
        db.AuditEntries.Add(invoice.Status == InvoiceStatus.Approved
            ? invoice.MoveTo(InvoiceStatus.Failed, Mailer, AuditActions.SendFailed, now, detail)
            : invoice.Record(Mailer, AuditActions.SendFailed, now, detail));
    }

    private async Task<Invoice> FindInvoiceAsync(OutboxMessage message, CancellationToken ct)
    {
        var id = message.ReadPayload<InvoiceEmailRequest>().InvoiceId;
        return await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException($"There is no invoice {id}.");
    }
}

public static class InvoiceEmailOutbox
{
    /// <summary>
    /// Queues the email of an approved invoice in the caller's unit of work. The key includes the invoice's version,
    /// so enqueuing again in the same state is a no-op while a resend after Failed → Approved is a new message.
    /// </summary>
    public static Task<bool> EnqueueInvoiceEmailAsync(this OutboxWriter outbox, Invoice invoice, CancellationToken ct = default) =>
        outbox.EnqueueAsync(SendInvoiceEmailHandler.Kind, $"{SendInvoiceEmailHandler.Kind}:{invoice.Id:N}:v{invoice.Version}",
            new InvoiceEmailRequest(invoice.Id), invoice.Id, ct,
            notBefore: invoice.SendOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);

    /// <summary>", copied to a@…, b@…" when the client has extra recipients, for the history line.</summary>
    /// <summary>The history line of someone asking for a Sent invoice to be emailed again.</summary>
    public const string ResendRequested = Audit.AuditActions.ResendRequested;

    public static string CopiedTo(Clients.Client client) =>
        client.ExtraRecipients.Count == 0 ? "" : $", copied to {string.Join(", ", client.ExtraRecipients)}";
}
