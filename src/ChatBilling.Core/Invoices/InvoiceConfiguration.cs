using ChatBilling.Core.Clients;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> e)
    {
        e.Property(i => i.Number).HasMaxLength(32);
        e.HasIndex(i => i.Number).IsUnique();
        e.Property(i => i.Currency).HasMaxLength(FieldLengths.Currency);
        e.Property(i => i.CreatedBy).HasMaxLength(FieldLengths.Name);
        e.Property(i => i.Notes).HasMaxLength(FieldLengths.Notes);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.LineItems).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(i => i.LineItems).AutoInclude();
        // Overdue and unpaid questions (Sent, due before today, oldest debt first) read this range, and only it: every
        // column the answer needs is in the index, so neither provider visits the table (Conversations.InvoiceSearch).
        e.HasIndex(i => new { i.Status, i.DueDate, i.ClientId, i.Currency, i.Total, i.AmountPaid, i.Number, i.Id });
        // List pages by status (pending, sent) newest first stop after one page instead of sorting every match.
        e.HasIndex(i => new { i.Status, i.IssueDate, i.Number });
        // The console inbox pages waiting invoices most recently changed first, the ones its viewer may decide before the
        // rest: walking this index, the database tests "may decide" only until the page is full instead of on every one.
        e.HasIndex(i => new { i.Status, i.UpdatedAt, i.Number });
        e.HasIndex(i => new { i.ClientId, i.IssueDate });
        // Whether a client's invoices changed since an approval card's checks were worked out (PreviewCheckMemo): a count,
        // a sum of versions and the latest change per client, read from this index alone.
        e.HasIndex(i => new { i.ClientId, i.UpdatedAt, i.Version });
        // The console's invoice list, newest first over every status, reads one page of this instead of sorting all.
        e.HasIndex(i => new { i.IssueDate, i.Number });
    }
}
