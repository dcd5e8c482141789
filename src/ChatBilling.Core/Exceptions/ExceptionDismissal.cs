using ChatBilling.Core.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Exceptions;

/// <summary>
/// Someone took a failed send off the team's exception queue: who and when, for everyone, not one browser. It
/// holds for the invoice as it was (<see cref="InvoiceVersion"/>): once the invoice changes (retried, failed
/// again, paid) the row is judged afresh.
/// </summary>
public sealed class ExceptionDismissal
{
    public long Id { get; private set; }
    public Guid InvoiceId { get; init; }
    public int InvoiceVersion { get; init; }
    public required string DismissedBy { get; init; }
    public DateTimeOffset DismissedAt { get; init; }
}

internal sealed class ExceptionDismissalConfiguration : IEntityTypeConfiguration<ExceptionDismissal>
{
    public void Configure(EntityTypeBuilder<ExceptionDismissal> e)
    {
        e.Property(d => d.DismissedBy).HasMaxLength(200);
        e.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        // One dismissal per invoice version: dismissing twice in a race is the same act.
        e.HasIndex(d => new { d.InvoiceId, d.InvoiceVersion }).IsUnique();
    }
}
