using ChatBilling.Core.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Recurring;

internal sealed class ScheduledInvoiceConfiguration : IEntityTypeConfiguration<ScheduledInvoice>
{
    public void Configure(EntityTypeBuilder<ScheduledInvoice> e)
    {
        e.Property(s => s.PeriodKey).HasMaxLength(40);
        // Exactly one invoice per period, across reruns and hosts.
        e.HasIndex(s => new { s.ScheduleId, s.PeriodKey }).IsUnique();
        e.HasOne<RecurringSchedule>().WithMany().HasForeignKey(s => s.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
