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
    /// <summary>New cards, notices, digests: nobody is watching for this very message.</summary>
    Normal = 2,
    /// <summary>
    /// Extras of something already shown (the PDF in a card's thread): after the new cards, so that 200 submissions put
    /// 200 cards in the channel first instead of taking turns with 200 uploads.
    /// </summary>
    Later = 3,
}

/// <summary>
/// Which lane a kind of message drains in, its priority there, and whether its messages may be applied many in one
/// transaction (its handler is an <see cref="IOutboxBatchedHandler"/>); declared with its handler (see <c>AddOutboxHandler</c>).
/// </summary>
internal sealed record OutboxKindLane(string Kind, string Lane, OutboxPriority Priority = OutboxPriority.Normal, bool Batched = false);

/// <summary>
/// The lane of every registered kind. Kinds not declared (none in practice: every kind has a handler) drain with the
/// chat lane, whose claim excludes only the email kinds, so no message is left in no lane at all.
/// </summary>
public sealed class OutboxLanes
{
    private readonly HashSet<string> emailKinds;
    private readonly Dictionary<string, OutboxPriority> priorities;
    private readonly HashSet<string> batched;

    internal OutboxLanes(IEnumerable<OutboxKindLane> declared)
    {
        var all = declared.ToList();
        emailKinds = all.Where(d => d.Lane == OutboxLane.Email).Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
        priorities = all.ToDictionary(d => d.Kind, d => d.Priority, StringComparer.Ordinal);
        batched = all.Where(d => d.Batched).Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The kinds that drain in the email lane; the chat lane takes every other kind.</summary>
    public IReadOnlyCollection<string> EmailKinds => emailKinds;

    /// <summary>The kinds declared with <paramref name="priority"/>; undeclared kinds are Normal.</summary>
    public string[] KindsAt(OutboxPriority priority) => [.. priorities.Where(p => p.Value == priority).Select(p => p.Key).Order(StringComparer.Ordinal)];

    public OutboxPriority PriorityOf(string kind) => priorities.GetValueOrDefault(kind, OutboxPriority.Normal);

    /// <summary>Whether the dispatcher applies claimed messages of <paramref name="kind"/> together, in one transaction.</summary>
    public bool IsBatched(string kind) => batched.Contains(kind);

    public string LaneOf(string kind) => emailKinds.Contains(kind) ? OutboxLane.Email : OutboxLane.Chat;
}
