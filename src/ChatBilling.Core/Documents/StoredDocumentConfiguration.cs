using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Documents;

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> e)
    {
        e.HasKey(d => d.InvoiceId);
        e.Property(d => d.Sha256).HasMaxLength(FieldLengths.Sha256Hex);
        e.HasOne<Invoice>().WithOne().HasForeignKey<StoredDocument>(d => d.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
