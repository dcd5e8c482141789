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

/// <summary>Which lane a kind of message drains in; declared with its handler (see <c>AddOutboxHandler</c>).</summary>
internal sealed record OutboxKindLane(string Kind, string Lane);

/// <summary>
/// The lane of every registered kind. Kinds not declared (none in practice: every kind has a handler) drain with the
/// chat lane, whose claim excludes only the email kinds, so no message is left in no lane at all.
/// </summary>
public sealed class OutboxLanes
{
    private readonly HashSet<string> emailKinds;

    internal OutboxLanes(IEnumerable<OutboxKindLane> declared) =>
        emailKinds = declared.Where(d => d.Lane == OutboxLane.Email).Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);

    /// <summary>The kinds that drain in the email lane; the chat lane takes every other kind.</summary>
    public IReadOnlyCollection<string> EmailKinds => emailKinds;

    public string LaneOf(string kind) => emailKinds.Contains(kind) ? OutboxLane.Email : OutboxLane.Chat;
}
