using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Clients;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> e)
    {
        e.Property(c => c.Name).HasMaxLength(FieldLengths.Name);
        e.Property(c => c.Email).HasMaxLength(FieldLengths.Email);
        e.Property(c => c.Currency).HasMaxLength(FieldLengths.Currency);
        e.Property(c => c.Locale).HasMaxLength(35);
        e.Property(c => c.PaperSize).HasMaxLength(10);
        e.Property(c => c.TaxId).HasMaxLength(FieldLengths.TaxId);
    }
}
