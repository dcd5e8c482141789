using ChatBilling.Core.Clients;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Recurring;

internal sealed class RecurringScheduleConfiguration : IEntityTypeConfiguration<RecurringSchedule>
{
    public void Configure(EntityTypeBuilder<RecurringSchedule> e)
    {
        e.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        e.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Cron).HasMaxLength(ScheduleValidator.MaxCronLength);
        e.Property(s => s.TimeZone).HasMaxLength(ScheduleValidator.MaxTimeZoneLength);
        e.Property(s => s.Currency).HasMaxLength(FieldLengths.Currency);
        e.Property(s => s.Notes).HasMaxLength(FieldLengths.Notes);
        e.Property(s => s.CreatedBy).HasMaxLength(FieldLengths.Name);
        e.Ignore(s => s.Lines);
        e.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
