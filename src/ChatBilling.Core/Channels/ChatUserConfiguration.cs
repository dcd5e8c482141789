using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Channels;

internal sealed class ChatUserConfiguration : IEntityTypeConfiguration<ChatUser>
{
    public void Configure(EntityTypeBuilder<ChatUser> e)
    {
        e.Property(u => u.Channel).HasMaxLength(FieldLengths.Channel);
        e.Property(u => u.PersonKey).HasMaxLength(100);
        e.Property(u => u.UserId).HasMaxLength(FieldLengths.PlatformId);
        e.HasIndex(u => new { u.Channel, u.PersonKey }).IsUnique();
    }
}
