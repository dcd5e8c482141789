using ChatBilling.Core.Audit;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Reminders;

/// <summary>Emails one payment reminder, unless the invoice was paid or voided since it was queued.</summary>
public sealed class ReminderEmailHandler(
    ChatBillingDb db, IEmailSender sender, InvoiceEmailBuilder emails, IInvoicePdfSource pdfs, ICustomerLinks links, TimeProvider time,
    Delivery.SellerCheck seller) : IOutboxHandler
{
    public static readonly Actor Reminder = new("reminders", "system");

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ReminderRequest>();
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == request.InvoiceId, ct)
            ?? throw new NotFoundException($"There is no invoice {request.InvoiceId}.");
        seller.ThrowIfNotReady();
        var when = Describe(request.OffsetDays);
        if (invoice.Status != InvoiceStatus.Sent)
        {
            db.AuditEntries.Add(invoice.Record(Reminder, AuditActions.ReminderSkipped, time.GetUtcNow(), $"No reminder {when}: the invoice is {invoice.Status}."));
            return;
        }
        var client = await db.Clients.FirstAsync(c => c.Id == invoice.ClientId, ct);
        var email = new InvoiceEmail(message.IdempotencyKey, invoice.Number, client.Name, client.Email, invoice.Total, invoice.Currency,
            invoice.DueDate, await links.GetLinkAsync(invoice, ct), await pdfs.GetPdfAsync(invoice, ct), client.Locale, request.OffsetDays,
            client.ExtraRecipients);
        await sender.SendAsync(emails.Build(email), ct);
        db.AuditEntries.Add(invoice.Record(Reminder, AuditActions.ReminderSent, time.GetUtcNow(), $"Reminder {when} emailed to {client.Email}{InvoiceEmailOutbox.CopiedTo(client)}."));
    }

    public static string Describe(int offsetDays) => offsetDays switch
    {
        < 0 => $"{-offsetDays} day(s) before the due date",
        0 => "on the due date",
        _ => $"{offsetDays} day(s) after the due date",
    };
}
