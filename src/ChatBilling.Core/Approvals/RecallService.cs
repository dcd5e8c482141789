using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// Takes a pending invoice back to Draft before anyone has finished deciding it, so a requester who submitted by
/// mistake need not wait for a rejection. The posted cards lose their buttons in the same transaction.
/// </summary>
public sealed class RecallService(ChatBillingDb db, TimeProvider time, Channels.ChatOutbox chat)
{
    /// <summary>
    /// Recalls <paramref name="invoiceId"/>. <paramref name="byOperator"/> is true for an operator (an API key with
    /// write access); anyone else must be the person who created the invoice.
    /// </summary>
    public async Task<Invoice> RecallAsync(Guid invoiceId, string? reason, Actor by, bool byOperator, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw InvalidInputException.For("reason", "Recalling an invoice needs a reason.");
        if (reason.Length > ApprovalService.MaxReasonLength)
            throw InvalidInputException.For("reason", $"reason must be at most {ApprovalService.MaxReasonLength} characters.");
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct)
            ?? throw new NotFoundException($"There is no invoice {invoiceId}.");
        if (!byOperator && !by.Name.Equals(invoice.CreatedBy, StringComparison.OrdinalIgnoreCase))
            throw new NotPermittedException($"Only the requester ({invoice.CreatedBy}) or an operator may recall {invoice.Number}.");
        if (invoice.Status != InvoiceStatus.PendingApproval)
            throw new TransitionRefusedException($"Only an invoice waiting for approval can be recalled; {invoice.Number} is {invoice.Status}.");

        var round = await db.ApprovalSteps.Where(s => s.InvoiceId == invoiceId).MaxAsync(s => (int?)s.Round, ct) ?? 0;
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Draft, by, Audit.AuditActions.Recalled, time.GetUtcNow(), reason));
        // The steps stay as they are: the invoice is no longer PendingApproval, so no click, reminder or escalation
        // acts on them, and submitting again starts a new round that supersedes them.
        await chat.ApprovalChangedAsync(invoice, round, $"recalled:{invoice.Version}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new TransitionRefusedException($"{invoice.Number} was decided or changed at the same moment; reload it and try again.");
        }
        return invoice;
    }
}
