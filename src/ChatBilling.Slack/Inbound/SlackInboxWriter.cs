using ChatBilling.Core.Outbox;

namespace ChatBilling.Slack.Inbound;

/// <summary>Stores inbound Slack work through the shared group commit (<see cref="InboundOutbox"/>), keyed by Slack's ids.</summary>
public sealed class SlackInboxWriter(InboundOutbox inbound)
{
    /// <summary>
    /// Stores the work (kinds on <see cref="SlackInbox"/>) and completes once its batch is committed; false when work with
    /// this key was stored before (a repeat delivery). A failed batch fails only the requests in it.
    /// </summary>
    public Task<bool> QueueAsync<T>(string kind, string id, T work, CancellationToken ct) where T : notnull =>
        inbound.QueueAsync(new OutboxItem(kind, SlackInbox.Key(kind, id), work), ct);
}
