using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatBilling.Core.Channels;

internal sealed class ChatInboundEventConfiguration : IEntityTypeConfiguration<ChatInboundEvent>
{
    public void Configure(EntityTypeBuilder<ChatInboundEvent> e)
    {
        e.Property(i => i.Channel).HasMaxLength(FieldLengths.Channel);
        e.Property(i => i.EventId).HasMaxLength(ChatInboundEvent.MaxEventIdLength);
        e.HasIndex(i => new { i.Channel, i.EventId }).IsUnique();
        // Old entries can be pruned by age; platforms stop retrying within minutes to hours.
        e.HasIndex(i => i.ReceivedAt);
    }
}
