using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Conversations;

/// <summary>An invoice as a list answer needs it; <see cref="At"/> is when the thing asked about happened (sent, paid, step opened).</summary>
internal sealed record FoundInvoice(
    Guid Id, string Number, Guid ClientId, string Currency, decimal Total, decimal AmountPaid, DateOnly DueDate, string CreatedBy,
    DateTimeOffset? At = null, ApprovalStepRef? Step = null)
{
    public decimal Due => Math.Max(0, Total - AmountPaid);
}

internal sealed record ApprovalStepRef(int Sequence, int StepCount, string Role, bool Escalated);

/// <summary>
/// The database side of list answers. Status, client, currency and due dates are filtered by SQL on the indexes
/// (Status, DueDate, … covering) and (Action, At); amounts are compared in memory, because SQLite stores decimals as text.
/// </summary>
internal static class InvoiceSearch
{
    public static async Task<List<FoundInvoice>> FindAsync(
        ChatBillingDb db, QuestionKind kind, QuestionFilters f, IReadOnlyList<Guid>? clientIds, DateOnly today, CancellationToken ct)
    {
        var invoices = Narrow(db.Invoices.AsNoTracking(), f, clientIds, today);
        return kind switch
        {
            QuestionKind.Overdue => await Rows(invoices.Where(i => i.Status == InvoiceStatus.Sent && i.DueDate < today)).ToListAsync(ct),
            QuestionKind.Unpaid or QuestionKind.Balance => await Rows(invoices.Where(i => i.Status == InvoiceStatus.Sent)).ToListAsync(ct),
            QuestionKind.FailedSends => await Rows(invoices.Where(i => i.Status == InvoiceStatus.Failed)).ToListAsync(ct),
            QuestionKind.InStatus => await Rows(invoices.Where(i => i.Status == f.Status)).ToListAsync(ct),
            QuestionKind.Pending or QuestionKind.MyApprovals => await WaitingAsync(db, invoices, ct),
            QuestionKind.Sent => await HappenedAsync(db, invoices, [AuditActions.Sent], f.Period, ct),
            QuestionKind.Paid => await HappenedAsync(db, invoices, [AuditActions.Paid], f.Period, ct),
            QuestionKind.Approved => await HappenedAsync(db, invoices, [AuditActions.Approved, AuditActions.AutoApproved], f.Period, ct),
            _ => [],
        };
    }

    private static IQueryable<Invoice> Narrow(IQueryable<Invoice> q, QuestionFilters f, IReadOnlyList<Guid>? clientIds, DateOnly today)
    {
        if (clientIds is not null) q = q.Where(i => clientIds.Contains(i.ClientId));
        if (f.Currency is { } currency) q = q.Where(i => i.Currency == currency);
        if (f.Due?.From is { } dueFrom) q = q.Where(i => i.DueDate >= dueFrom);
        if (f.Due?.To is { } dueTo) q = q.Where(i => i.DueDate <= dueTo);
        // "more than 30 days overdue" keeps due dates at least 31 days back; overdue-by-days implies past due.
        if (f.OverdueMinDays is { } min) { var latest = today.AddDays(-Math.Max(1, min)); q = q.Where(i => i.DueDate <= latest); }
        if (f.OverdueMaxDays is { } max) { var earliest = today.AddDays(-Math.Max(0, max)); q = q.Where(i => i.DueDate >= earliest); }
        return q;
    }

    // Exactly the columns of the covering (Status, DueDate, …) index: who created an invoice matters only for approvals.
    private static IQueryable<FoundInvoice> Rows(IQueryable<Invoice> q) =>
        q.Select(i => new FoundInvoice(i.Id, i.Number, i.ClientId, i.Currency, i.Total, i.AmountPaid, i.DueDate, "", null, null));

    private static async Task<List<FoundInvoice>> WaitingAsync(ChatBillingDb db, IQueryable<Invoice> invoices, CancellationToken ct) =>
        await (from s in db.ApprovalSteps.AsNoTracking()
               join i in invoices on s.InvoiceId equals i.Id
               where i.Status == InvoiceStatus.PendingApproval && s.Status == StepStatus.Pending && s.OpenedAt != null
               select new FoundInvoice(i.Id, i.Number, i.ClientId, i.Currency, i.Total, i.AmountPaid, i.DueDate, i.CreatedBy, s.OpenedAt,
                   new ApprovalStepRef(s.Sequence, s.StepCount, s.Role, s.EscalatedAt != null))).ToListAsync(ct);

    /// <summary>Invoices with an audit line of one of the actions in the period, each once, at its latest such line.</summary>
    private static async Task<List<FoundInvoice>> HappenedAsync(
        ChatBillingDb db, IQueryable<Invoice> invoices, string[] actions, DayRange? period, CancellationToken ct)
    {
        var lines = db.AuditEntries.AsNoTracking().Where(a => actions.Contains(a.Action));
        if (period?.From is { } from) { var start = StartOf(from); lines = lines.Where(a => a.At >= start); }
        if (period?.To is { } to) { var end = StartOf(to.AddDays(1)); lines = lines.Where(a => a.At < end); }
        var rows = await (from a in lines
                          join i in invoices on a.InvoiceId equals i.Id
                          select new FoundInvoice(i.Id, i.Number, i.ClientId, i.Currency, i.Total, i.AmountPaid, i.DueDate, i.CreatedBy, a.At, null))
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g => g.MaxBy(r => r.At)!).ToList();
    }

    /// <summary>Days are UTC days, as the console's and the API's dates are.</summary>
    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The last reason each failed invoice's email was given up with.</summary>
    public static async Task<Dictionary<Guid, string>> FailureReasonsAsync(ChatBillingDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.InvoiceId) && a.Action == AuditActions.SendFailed)
            .Select(a => new { a.InvoiceId, a.Id, a.Detail }).ToListAsync(ct))
        .GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!.Detail ?? "unknown reason");
}
