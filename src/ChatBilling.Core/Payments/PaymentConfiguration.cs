using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.Property(p => p.InvoiceReference).HasMaxLength(64);
        e.Property(p => p.Currency).HasMaxLength(FieldLengths.Currency);
        e.Property(p => p.Reference).HasMaxLength(FieldLengths.Reference);
        e.Property(p => p.DedupKey).HasMaxLength(300);
        e.Property(p => p.RecordedBy).HasMaxLength(FieldLengths.Name);
        e.Property(p => p.MatchedBy).HasMaxLength(FieldLengths.Name);
        e.Property(p => p.Outcome).IsConcurrencyToken();
        // The same report (invoice + reference) counts once, even when two deliveries of it race.
        e.HasIndex(p => p.DedupKey).IsUnique();
        e.HasIndex(p => new { p.Outcome, p.PaidOn });
        e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
