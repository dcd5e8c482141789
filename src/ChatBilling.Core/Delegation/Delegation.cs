using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// An approver away for a date range hands their approvals to a colleague: cards and reminders go to the delegate,
/// who decides in the approver's place ("Sam for Dana"). Rows are never deleted; ending one early sets <see cref="EndedAt"/>.
/// </summary>
public sealed class ApprovalDelegation
{
    public const int MaxNoteLength = 1000;

    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The approver who is away (email, as in <c>Approvals:Approvers</c>).</summary>
    public required string FromEmail { get; init; }
    /// <summary>The colleague who decides meanwhile.</summary>
    public required string ToEmail { get; init; }
    /// <summary>First day (UTC calendar, like due dates) the delegation holds.</summary>
    public DateOnly StartsOn { get; init; }
    /// <summary>Last day it holds, included.</summary>
    public DateOnly EndsOn { get; init; }
    public string? Note { get; init; }
    public required string CreatedBy { get; init; }
    public required string Channel { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Ended before <see cref="EndsOn"/> (the approver is back, or replaced it with a new one).</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public bool HoldsOn(DateOnly day) => EndedAt is null && StartsOn <= day && day <= EndsOn;

    public bool Overlaps(DateOnly from, DateOnly to) => EndedAt is null && StartsOn <= to && from <= EndsOn;

    internal void End(DateTimeOffset at) => EndedAt = at;
}

/// <summary>The table of delegations; looked up by who is away and by who stands in.</summary>
public sealed class DelegationConfiguration : IEntityTypeConfiguration<ApprovalDelegation>
{
    public void Configure(EntityTypeBuilder<ApprovalDelegation> e)
    {
        e.Property(d => d.FromEmail).HasMaxLength(254);
        e.Property(d => d.ToEmail).HasMaxLength(254);
        e.Property(d => d.Note).HasMaxLength(ApprovalDelegation.MaxNoteLength);
        e.Property(d => d.CreatedBy).HasMaxLength(254);
        e.Property(d => d.Channel).HasMaxLength(20);
        e.HasIndex(d => new { d.FromEmail, d.EndsOn });
        e.HasIndex(d => new { d.ToEmail, d.EndsOn });
    }
}
