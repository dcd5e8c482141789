using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Channels;

/// <summary>Remembers inbound platform events so retried deliveries are handled once.</summary>
public sealed class ChatInbox(ChatBillingDb db, TimeProvider time)
{
    /// <summary>
    /// Records the event; false when it was recorded before (a retry or a duplicate delivery), in which case the
    /// caller acknowledges it and does nothing. Saved on its own, before the event's work starts.
    /// </summary>
    public async Task<bool> FirstDeliveryAsync(string channel, string eventId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        // Longer ids are hashed rather than cut, so two ids sharing a long prefix stay distinct.
        var key = eventId.Length <= ChatInboundEvent.MaxEventIdLength ? eventId : "sha256:" + Documents.DocumentHash.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(eventId));
        var entry = db.ChatInboundEvents.Add(new ChatInboundEvent { Channel = channel, EventId = key, ReceivedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            entry.State = EntityState.Detached;
            return false;
        }
    }
}
