using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Storage;

internal sealed class InvoiceNumberCounterConfiguration : IEntityTypeConfiguration<InvoiceNumberCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberCounter> e)
    {
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
        e.Property(c => c.Version).IsConcurrencyToken();
    }
}
