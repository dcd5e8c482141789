using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delivery;

/// <summary>What operators (the <c>operate</c> scope) do to an invoice on its way out: send a failed one again, or void one.</summary>
public sealed class InvoiceOperations(ChatBillingDb db, OutboxWriter outbox, Channels.ChatOutbox chat, TimeProvider time)
{
    /// <summary>Failed → Approved with a fresh email in the same transaction (its key carries the new version).</summary>
    public async Task<Invoice> RetryAsync(Guid invoiceId, Actor by, CancellationToken ct = default)
    {
        var invoice = await FindAsync(invoiceId, ct);
        if (invoice.Status != InvoiceStatus.Failed)
            throw new TransitionRefusedException($"Only a Failed invoice can be sent again; {invoice.Number} is {invoice.Status}.");
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, by, AuditActions.SendRetried, time.GetUtcNow(), "Queued to be emailed again."));
        await outbox.EnqueueInvoiceEmailAsync(invoice, ct);
        await SaveAsync(invoice, ct);
        return invoice;
    }

    /// <summary>
    /// Emails a Sent invoice again (the customer lost it, or asks for it) with the same frozen PDF and link. Each resend
    /// is its own outbox message with a key of its own, so it is not taken for the first email or for another resend.
    /// </summary>
    public async Task<Invoice> ResendAsync(Guid invoiceId, Actor by, CancellationToken ct = default)
    {
        var invoice = await FindAsync(invoiceId, ct);
        if (invoice.Status != InvoiceStatus.Sent)
            throw new TransitionRefusedException($"Only a Sent invoice can be emailed again; {invoice.Number} is {invoice.Status}.");
        db.AuditEntries.Add(invoice.Record(by, InvoiceEmailOutbox.ResendRequested, time.GetUtcNow(), "Queued to be emailed to the client again."));
        await outbox.EnqueueAsync(SendInvoiceEmailHandler.Kind, $"{SendInvoiceEmailHandler.Kind}:{invoice.Id:N}:resend:{Guid.CreateVersion7():N}",
            new InvoiceEmailRequest(invoice.Id, Resend: true), invoice.Id, ct);
        await SaveAsync(invoice, ct);
        return invoice;
    }

    /// <summary>Withdraws an invoice that is not paid; queued emails and reminders see Void and skip it.</summary>
    public async Task<Invoice> VoidAsync(Guid invoiceId, string? reason, Actor by, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw InvalidInputException.For("reason", "Voiding an invoice needs a reason.");
        if (reason.Length > FieldLengths.Reason) throw InvalidInputException.For("reason", $"reason must be at most {FieldLengths.Reason} characters.");
        var invoice = await FindAsync(invoiceId, ct);
        var wasWaiting = invoice.Status == InvoiceStatus.PendingApproval;
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Void, by, AuditActions.Voided, time.GetUtcNow(), reason.Trim()));
        // A card still asking for approval must stop offering buttons.
        if (wasWaiting && await db.ApprovalSteps.Where(s => s.InvoiceId == invoiceId).MaxAsync(s => (int?)s.Round, ct) is { } round)
            await chat.ApprovalChangedAsync(invoice, round, "voided", ct);
        await SaveAsync(invoice, ct);
        return invoice;
    }

    private async Task<Invoice> FindAsync(Guid id, CancellationToken ct) =>
        await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"There is no invoice {id}.");

    private async Task SaveAsync(Invoice invoice, CancellationToken ct)
    {
        try
        {
            await outbox.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new TransitionRefusedException($"{invoice.Number} was changed by someone else at the same moment; reload it and try again.");
        }
    }
}
