using ChatBilling.Core.Outbox;

namespace ChatBilling.Slack.Inbound;

/// <summary>A click on Approve, or a submitted rejection reason, to be decided after Slack has had its answer.</summary>
public sealed record SlackDecisionWork(string UserId, Guid InvoiceId, string CardVersion, bool Approve, string? Reason, string ChannelId);

/// <summary>A question asked by mentioning the bot, answered in the thread it was asked in.</summary>
public sealed record SlackMentionWork(string ChannelId, string ThreadTs, string? UserId, string Text);

/// <summary>A message only one person sees (chat.postEphemeral): the outcome of their click, or why it changed nothing.</summary>
public sealed record SlackEphemeralWork(string ChannelId, string UserId, string Text);

/// <summary>
/// The kinds of inbound Slack work and their idempotency keys. Request handlers store work with
/// <see cref="SlackInboxWriter.QueueAsync{T}"/> (a singleton, so a request builds no database context); outbox handlers
/// add follow-up work to their own unit of work here. The key (Slack's event id, trigger id or view id) makes a repeat a
/// no-op, and each commit wakes the outbox (Core's kick on commit), so the work happens a moment later.
/// </summary>
public sealed class SlackInbox(OutboxWriter outbox)
{
    public const string DecisionKind = "slack.decision";
    public const string MentionKind = "slack.mention";
    public const string EphemeralKind = "slack.ephemeral";

    /// <summary>
    /// Adds the work to the caller's unit of work without saving (an outbox handler's follow-up work, saved with the
    /// handler's outcome); that save's commit wakes the outbox again, so the reply and the card update follow the click
    /// within moments.
    /// </summary>
    public Task<bool> EnqueueOnlyAsync<T>(string kind, string id, T work, CancellationToken ct) =>
        outbox.EnqueueAsync(kind, Key(kind, id), work, ct: ct);

    internal static string Key(string kind, string id)
    {
        var key = $"{kind}:{id}";
        // Slack's ids are short; a hostile long one must not break the key column.
        return key.Length <= OutboxMessage.MaxKeyLength ? key
            : $"{kind}:sha256:{Core.Documents.DocumentHash.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(id))}";
    }
}
