using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Approvals;

internal sealed class ApprovalStepConfiguration : IEntityTypeConfiguration<ApprovalStep>
{
    public void Configure(EntityTypeBuilder<ApprovalStep> e)
    {
        e.Property(s => s.Role).HasMaxLength(50);
        e.Property(s => s.DecidedBy).HasMaxLength(FieldLengths.Email);
        e.Property(s => s.DecidedFor).HasMaxLength(FieldLengths.Email);
        e.Property(s => s.AssignedTo).HasMaxLength(FieldLengths.Email);
        e.Property(s => s.Reason).HasMaxLength(FieldLengths.Reason);
        e.Property(s => s.DocumentSha256).HasMaxLength(FieldLengths.Sha256Hex);
        e.Ignore(s => s.Label);
        e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.InvoiceId, s.Round, s.Sequence }).IsUnique();
        // Inboxes and escalations look for open steps.
        e.HasIndex(s => new { s.Status, s.OpenedAt });
    }
}
