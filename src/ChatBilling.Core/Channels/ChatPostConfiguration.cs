using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Channels;

internal sealed class ChatPostConfiguration : IEntityTypeConfiguration<ChatPost>
{
    public void Configure(EntityTypeBuilder<ChatPost> e)
    {
        e.Property(p => p.Channel).HasMaxLength(FieldLengths.Channel);
        e.Property(p => p.ConversationId).HasMaxLength(FieldLengths.PlatformId);
        e.Property(p => p.MessageId).HasMaxLength(FieldLengths.PlatformId);
        e.HasIndex(p => new { p.InvoiceId, p.Channel, p.Round }).IsUnique();
        e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
