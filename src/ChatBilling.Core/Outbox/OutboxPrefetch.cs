namespace ChatBilling.Core.Outbox;

/// <summary>
/// A handler that can do the reads of several of its messages together, once, when the dispatcher is about to run them
/// one after the other (the feedback a batch of decisions handed its worker). On PostgreSQL every read is a round trip,
/// so a batch's card updates read in a fixed number of queries instead of a handful each.
/// </summary>
public interface IOutboxPrefetchingHandler : IOutboxHandler
{
    /// <summary>
    /// Reads what <see cref="IOutboxHandler.HandleAsync"/> will need for each of <paramref name="messages"/>, keyed by
    /// message id; a message left out simply does its own reads. Runs in a scope of its own that ends before the messages
    /// run, so what it returns must be plain data, not tracked entities.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, object>> PrefetchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct);
}

/// <summary>
/// What a prefetch read for the messages about to run, ambient (an <see cref="AsyncLocal{T}"/>) around them, because each
/// message's handler is resolved afresh in a scope of its own. Only the message it was read for sees an entry, and only
/// during this run: a retry later reads afresh.
/// </summary>
public static class OutboxPrefetched
{
    private static readonly AsyncLocal<IReadOnlyDictionary<Guid, object>?> Ambient = new();

    /// <summary>What was read ahead for <paramref name="message"/>, if anything.</summary>
    public static T? For<T>(OutboxMessage message) where T : class =>
        Ambient.Value is { } read && read.TryGetValue(message.Id, out var found) ? found as T : null;

    internal static IDisposable Begin(IReadOnlyDictionary<Guid, object> read)
    {
        Ambient.Value = read;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }
}
