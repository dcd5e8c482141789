using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Invoices;

internal sealed class LineItemConfiguration : IEntityTypeConfiguration<LineItem>
{
    public void Configure(EntityTypeBuilder<LineItem> e)
    {
        e.Property(l => l.Description).HasMaxLength(InvoiceValidator.MaxDescriptionLength);
        e.HasIndex(l => new { l.InvoiceId, l.Position });
    }
}
