namespace ChatBilling.Core.Outbox;

/// <summary>
/// The lanes the outbox drains independently, each with its own workers: chat effects (cards, updates, notices,
/// replies, decisions from clicks) and emails. A mail server that hangs, or a channel's pacing, then holds up only
/// its own lane: a card never waits behind an email.
/// </summary>
public static class OutboxLane
{
    public const string Chat = "chat";
    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Chat, Email];
}

/// <summary>
/// Which messages of a lane its workers take first. A click should show its outcome within a second even when hundreds
/// of new cards (or their PDF follow-ups) are queued: the visible answer to something a person just did goes first, then
/// the work a click asked for, then everything else; within a priority, the oldest due first.
/// </summary>
public enum OutboxPriority
{
    /// <summary>What a person who just acted is looking at: their card updated in place, the reply only they see.</summary>
    Feedback = 0,
    /// <summary>Work a person's click or question asked for (the decision itself), whose outcome they wait for.</summary>
    Interactive = 1,
    /// <summary>New cards, follow-ups, notices, digests: nobody is watching for this very message.</summary>
    Normal = 2,
}

/// <summary>Which lane a kind of message drains in, and its priority there; declared with its handler (see <c>AddOutboxHandler</c>).</summary>
internal sealed record OutboxKindLane(string Kind, string Lane, OutboxPriority Priority = OutboxPriority.Normal);

/// <summary>
/// The lane of every registered kind. Kinds not declared (none in practice: every kind has a handler) drain with the
/// chat lane, whose claim excludes only the email kinds, so no message is left in no lane at all.
/// </summary>
public sealed class OutboxLanes
{
    private readonly HashSet<string> emailKinds;
    private readonly Dictionary<string, OutboxPriority> priorities;

    internal OutboxLanes(IEnumerable<OutboxKindLane> declared)
    {
        var all = declared.ToList();
        emailKinds = all.Where(d => d.Lane == OutboxLane.Email).Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
        priorities = all.ToDictionary(d => d.Kind, d => d.Priority, StringComparer.Ordinal);
    }

    /// <summary>The kinds that drain in the email lane; the chat lane takes every other kind.</summary>
    public IReadOnlyCollection<string> EmailKinds => emailKinds;

    /// <summary>The kinds declared with <paramref name="priority"/>; undeclared kinds are Normal.</summary>
    public string[] KindsAt(OutboxPriority priority) => [.. priorities.Where(p => p.Value == priority).Select(p => p.Key).Order(StringComparer.Ordinal)];

    public OutboxPriority PriorityOf(string kind) => priorities.GetValueOrDefault(kind, OutboxPriority.Normal);

    public string LaneOf(string kind) => emailKinds.Contains(kind) ? OutboxLane.Email : OutboxLane.Chat;
}
