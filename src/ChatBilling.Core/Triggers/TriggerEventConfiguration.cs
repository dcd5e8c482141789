using ChatBilling.Core.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Triggers;

internal sealed class TriggerEventConfiguration : IEntityTypeConfiguration<TriggerEvent>
{
    public void Configure(EntityTypeBuilder<TriggerEvent> e)
    {
        e.Property(t => t.Source).HasMaxLength(100);
        e.Property(t => t.EventId).HasMaxLength(TriggerEvent.MaxEventIdLength);
        e.Property(t => t.Type).HasMaxLength(50);
        // The once-only guarantee: a second delivery of an event cannot commit a second invoice.
        e.HasIndex(t => new { t.Source, t.EventId }).IsUnique();
        e.HasOne<Invoice>().WithMany().HasForeignKey(t => t.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
