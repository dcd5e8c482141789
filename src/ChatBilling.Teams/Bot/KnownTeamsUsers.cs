using System.Collections.Concurrent;

namespace ChatBilling.Teams.Bot;

/// <summary>
/// The (AAD object id, Teams user id) pairs this host has already stored, so an invoke does not read the store on every
/// click just to learn nothing changed: a person's <c>29:…</c> id is fixed for the bot (msteams-docs
/// <c>bots/how-to/conversations/send-proactive-messages.md</c>, "Get the user ID": the user ID is unique to your bot and
/// a particular user), and a burst of 200 Approve invokes paid 200 look-ups for it. A pair that does change (another bot registration, say) is stored again, since
/// the cache holds the pair and not just the person.
/// </summary>
internal sealed class KnownTeamsUsers
{
    /// <summary>More people than any deployment has; past it, the memory stops growing and the store is simply asked again.</summary>
    private const int MaxPeople = 10_000;

    private readonly ConcurrentDictionary<string, string> stored = new(StringComparer.OrdinalIgnoreCase);

    public bool AlreadyStored(string aadObjectId, string userId) =>
        stored.TryGetValue(aadObjectId, out var known) && string.Equals(known, userId, StringComparison.Ordinal);

    public void Stored(string aadObjectId, string userId)
    {
        if (stored.Count < MaxPeople || stored.ContainsKey(aadObjectId)) stored[aadObjectId] = userId;
    }
}
