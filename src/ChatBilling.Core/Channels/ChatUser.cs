using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Channels;

/// <summary>
/// A person's id on one platform, learned from what the platform sent (Teams: the <c>29:…</c> <c>from.id</c> of an
/// activity), keyed by the id the configuration knows the person by (Teams: the AAD object id).
/// </summary>
public sealed class ChatUser
{
    public long Id { get; private set; }
    public required string Channel { get; init; }
    public required string PersonKey { get; init; }
    public required string UserId { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>Remembers and looks up platform user ids; one row per person and channel, the latest id wins.</summary>
public sealed class ChatUsers(ChatBillingDb db, TimeProvider time)
{
    public async Task RememberAsync(string channel, string personKey, string userId, CancellationToken ct = default)
    {
        var known = await db.ChatUsers.FirstOrDefaultAsync(u => u.Channel == channel && u.PersonKey == personKey, ct);
        if (known is not null && known.UserId == userId) return;
        if (known is null) db.ChatUsers.Add(known = new ChatUser { Channel = channel, PersonKey = personKey, UserId = userId });
        known.UserId = userId;
        known.SeenAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two activities of one person raced; the other stored the same id.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The known platform ids of <paramref name="personKeys"/>, by person key; people never seen are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IdsAsync(string channel, IReadOnlyCollection<string> personKeys, CancellationToken ct = default)
    {
        if (personKeys.Count == 0) return new Dictionary<string, string>();
        return await db.ChatUsers.AsNoTracking().Where(u => u.Channel == channel && personKeys.Contains(u.PersonKey))
            .ToDictionaryAsync(u => u.PersonKey, u => u.UserId, StringComparer.OrdinalIgnoreCase, ct);
    }
}
