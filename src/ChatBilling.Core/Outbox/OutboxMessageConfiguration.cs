using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Property(m => m.Kind).HasMaxLength(OutboxMessage.MaxKindLength);
        e.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.MaxKeyLength);
        e.HasIndex(m => m.IdempotencyKey).IsUnique();
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(m => m.LeaseOwner).HasMaxLength(FieldLengths.Name);
        e.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        // The lease is the concurrency token: a host whose lease was taken over cannot save over the new owner's work.
        e.Property(m => m.LeaseOwner).IsConcurrencyToken();
        e.Property(m => m.LeaseExpiresAt).IsConcurrencyToken();
        e.HasOne<Invoice>().WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        // The claim query: pending messages by due time.
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
