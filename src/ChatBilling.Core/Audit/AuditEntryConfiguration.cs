using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.Actor).HasMaxLength(FieldLengths.Name);
        e.Property(a => a.Channel).HasMaxLength(FieldLengths.Channel);
        e.Property(a => a.Action).HasMaxLength(50);
        e.Property(a => a.Detail).HasMaxLength(4000);
        e.Property(a => a.Via).HasMaxLength(FieldLengths.Name);
        e.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.InvoiceId, a.At });
        // The numbers that matter read the trail by action (sent, approved, submitted) over a window.
        e.HasIndex(a => new { a.Action, a.At });
    }
}
