using ChatBilling.Core.Cards;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>One step waiting for a decision, with what a list of them shows.</summary>
public sealed record WaitingStep(
    Guid InvoiceId, string Number, string ClientName, decimal Total, string Currency, int Sequence, int StepCount, string Role,
    DateTimeOffset OpenedAt, bool Escalated)
{
    public string StepLabel => $"Step {Sequence} of {StepCount} · {Role}";
}

/// <summary>The approval steps waiting now, oldest first: for "pending", the digest and the exception queue.</summary>
public static class WaitingApprovals
{
    public static async Task<List<WaitingStep>> ListAsync(ChatBillingDb db, CancellationToken ct) =>
        (await (from s in db.ApprovalSteps.AsNoTracking()
                join i in db.Invoices.AsNoTracking() on s.InvoiceId equals i.Id
                join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                where i.Status == InvoiceStatus.PendingApproval && s.Status == StepStatus.Pending && s.OpenedAt != null
                select new WaitingStep(i.Id, i.Number, c.Name, i.Total, i.Currency, s.Sequence, s.StepCount, s.Role, s.OpenedAt!.Value,
                    s.EscalatedAt != null)).ToListAsync(ct))
        // Ordered in memory: SQLite cannot order by an instant column.
        .OrderBy(w => w.OpenedAt).ToList();

    /// <summary>As list items: who can decide, and how long it has waited.</summary>
    public static PendingItem ToItem(this WaitingStep w, ApproverDirectory approvers, DateTimeOffset now) => new(
        w.Number, w.ClientName, ChatFormat.Money(w.Total, w.Currency), w.StepLabel,
        string.Join(", ", approvers.HoldingRole(w.Role).Select(a => a.Name)) is { Length: > 0 } names ? names : $"nobody holds {w.Role}",
        ChatFormat.Age(now - w.OpenedAt));
}
