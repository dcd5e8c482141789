using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Channels;

/// <summary>Stores the conversations a channel was installed into, so proactive posts know where to go.</summary>
public sealed class ChatConversations(ChatBillingDb db, TimeProvider time)
{
    /// <summary>Adds or refreshes a conversation (an installation, or any message that shows a newer endpoint).</summary>
    public async Task<ChatConversation> RememberAsync(string channel, string conversationId, string? endpoint, string? scope,
        string? name, string? teamId, CancellationToken ct = default, string? tenantId = null)
    {
        var known = await db.ChatConversations.FirstOrDefaultAsync(c => c.Channel == channel && c.ConversationId == conversationId, ct);
        if (known is null)
        {
            known = new ChatConversation { Channel = channel, ConversationId = conversationId };
            db.ChatConversations.Add(known);
        }
        known.Endpoint = endpoint ?? known.Endpoint;
        known.Scope = scope ?? known.Scope;
        known.Name = name ?? known.Name;
        known.TeamId = teamId ?? known.TeamId;
        known.TenantId = tenantId ?? known.TenantId;
        known.UpdatedAt = time.GetUtcNow();
        known.RemovedAt = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two deliveries of one installation raced; the other one stored it.
            db.ChangeTracker.Clear();
            return await db.ChatConversations.FirstAsync(c => c.Channel == channel && c.ConversationId == conversationId, ct);
        }
        return known;
    }

    public async Task ForgetAsync(string channel, string conversationId, CancellationToken ct = default) =>
        await db.ChatConversations.Where(c => c.Channel == channel && c.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemovedAt, time.GetUtcNow()), ct);

    public Task<ChatConversation?> FindAsync(string channel, string conversationId, CancellationToken ct = default) =>
        db.ChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == channel && c.ConversationId == conversationId, ct);

    /// <summary>Conversations of one channel the bot is still in, most recently seen first.</summary>
    public async Task<IReadOnlyList<ChatConversation>> ActiveAsync(string channel, CancellationToken ct = default) =>
        (await db.ChatConversations.AsNoTracking().Where(c => c.Channel == channel && c.RemovedAt == null).ToListAsync(ct))
            .OrderByDescending(c => c.UpdatedAt).ToList();
}
