using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.CustomerLinks;

internal sealed class CustomerLinkConfiguration : IEntityTypeConfiguration<CustomerLink>
{
    public void Configure(EntityTypeBuilder<CustomerLink> e)
    {
        // The table keeps the name it was created with: renaming it would be a migration that changes nothing else.
        e.ToTable("InvoiceLinks");
        e.Property(l => l.TokenHash).HasMaxLength(FieldLengths.Sha256Hex);
        e.HasIndex(l => l.TokenHash).IsUnique();
        e.HasOne<Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
