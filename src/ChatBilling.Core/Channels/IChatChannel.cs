using ChatBilling.Core.Cards;

namespace ChatBilling.Core.Channels;

/// <summary>
/// A chat platform the bot posts into (Slack, Teams). The core calls these from outbox handlers only, so every
/// method may be retried: an exception means "try again later", and after the last attempt the failure is visible
/// in the outbox rather than lost. Adapters honour the platform's rate limits inside these calls.
/// </summary>
public interface IChatChannel
{
    /// <summary>Posts an approval card where approvers see it; returns where it landed so later updates can find it.</summary>
    Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct);

    /// <summary>
    /// Work that follows a successful post of <paramref name="invoiceId"/>'s card (Slack shares the PDF in the message's
    /// thread). It runs as its own outbox message, so a failure here is retried without posting the card a second time;
    /// it is given the invoice, not the card, which is not built again for it.
    /// </summary>
    Task AfterApprovalPostedAsync(ChatMessageRef posted, Guid invoiceId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Whether <see cref="AfterApprovalPostedAsync"/> does anything. A channel without a follow-up (Teams) gets none
    /// queued: an outbox message per card that does nothing would still cost a claim and a commit.
    /// </summary>
    bool FollowsUpApprovalPosts => false;

    /// <summary>Replaces a posted approval card with the invoice's current card (next step, or the outcome without buttons).</summary>
    Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct);

    /// <summary>Posts the daily digest to the platform's digest channel(s).</summary>
    Task PostDigestAsync(DigestCard digest, CancellationToken ct);

    /// <summary>Reminds or escalates a late approval, in the approval card's thread when there is one.</summary>
    Task PostNoticeAsync(ChatNotice notice, CancellationToken ct);
}

/// <summary>Where a message landed: the platform's conversation (channel) id and message id (Slack ts, Teams activity id).</summary>
public sealed record ChatMessageRef(string ConversationId, string MessageId);

/// <summary>
/// The approval card as a channel shows it to everyone: the request with buttons while a step waits (a click is
/// judged against the clicker's roles), otherwise the outcome. <paramref name="DecidableBy"/> are the people who
/// may decide the waiting step, for mentions.
/// </summary>
public sealed record ChannelApproval(
    Guid InvoiceId, string Number, Approvals.ShownCard Card, IReadOnlyList<Approvals.ApproverSettings> DecidableBy);

/// <summary>A reminder or escalation for people, about one invoice's approval card (<paramref name="Thread"/> when posted).</summary>
public sealed record ChatNotice(
    Guid InvoiceId, string Number, string Text, IReadOnlyList<Approvals.ApproverSettings> People, ChatMessageRef? Thread);
