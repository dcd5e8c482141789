using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Channels;

internal sealed class ChatConversationConfiguration : IEntityTypeConfiguration<ChatConversation>
{
    public void Configure(EntityTypeBuilder<ChatConversation> e)
    {
        e.Property(c => c.Channel).HasMaxLength(FieldLengths.Channel);
        e.Property(c => c.ConversationId).HasMaxLength(FieldLengths.PlatformId);
        e.Property(c => c.Endpoint).HasMaxLength(500);
        e.Property(c => c.Scope).HasMaxLength(30);
        e.Property(c => c.Name).HasMaxLength(FieldLengths.Name);
        e.Property(c => c.TeamId).HasMaxLength(FieldLengths.PlatformId);
        e.Property(c => c.TenantId).HasMaxLength(100);
        e.HasIndex(c => new { c.Channel, c.ConversationId }).IsUnique();
    }
}
