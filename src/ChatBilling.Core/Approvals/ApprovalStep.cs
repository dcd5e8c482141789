namespace ChatBilling.Core.Approvals;

public enum StepStatus
{
    Pending,
    Approved,
    Rejected,
    /// <summary>Replaced by a later submission of the same invoice; its decision no longer counts.</summary>
    Superseded,
}

/// <summary>One role's approval of one submission of an invoice. Steps of a submission are decided in sequence.</summary>
public sealed class ApprovalStep
{
    public long Id { get; private set; }
    public Guid InvoiceId { get; init; }
    /// <summary>Which submission of the invoice this step belongs to (1 for the first, 2 after a rejection and resubmit...).</summary>
    public int Round { get; init; }
    public int Sequence { get; init; }
    public int StepCount { get; init; }
    public required string Role { get; init; }
    /// <summary>The SHA-256 of the document the approver is shown; a new document means a new round.</summary>
    public string? DocumentSha256 { get; init; }
    public StepStatus Status { get; private set; } = StepStatus.Pending;
    /// <summary>When the step became the one waiting for a decision (the previous step was approved, or the invoice submitted).</summary>
    public DateTimeOffset? OpenedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    /// <summary>The away approver <see cref="DecidedBy"/> stood in for (a delegation), so the history says "Sam for Dana".</summary>
    public string? DecidedFor { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>The one person a reassignment handed this step to; null while anyone holding the role may decide.</summary>
    public string? AssignedTo { get; private set; }
    /// <summary>When the approvers were reminded that the step is past its deadline.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }
    /// <summary>When the step was escalated; from then on a manager may decide it too.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public string Label => $"step {Sequence} of {StepCount} ({Role})";

    internal void Open(DateTimeOffset at) => OpenedAt = at;

    internal void Decide(bool approve, string by, DateTimeOffset at, string? reason, string? decidedFor = null)
    {
        Status = approve ? StepStatus.Approved : StepStatus.Rejected;
        DecidedBy = by;
        DecidedFor = decidedFor;
        DecidedAt = at;
        Reason = reason;
    }

    internal void AssignTo(string email) => AssignedTo = email;

    internal void Supersede() => Status = StepStatus.Superseded;

    internal void MarkReminded(DateTimeOffset at) => RemindedAt = at;

    internal void MarkEscalated(DateTimeOffset at) => EscalatedAt = at;

    /// <summary>Who may decide: the step's role, and after escalation also managers.</summary>
    /// <summary>Whether <paramref name="email"/> took part in deciding this step, themselves or through a delegate.</summary>
    public bool DecidedByOrFor(string email) =>
        string.Equals(DecidedBy, email, StringComparison.OrdinalIgnoreCase) || string.Equals(DecidedFor, email, StringComparison.OrdinalIgnoreCase);

    public bool AcceptsRolesOf(ApproverSettings approver) =>
        approver.HasRole(Role) || (EscalatedAt is not null && approver.HasRole(ApprovalSettings.ManagerRole));
}
