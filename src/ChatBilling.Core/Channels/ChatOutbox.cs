using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Channels;

/// <summary>The payload of an approval card post, follow-up or update for one channel.</summary>
public sealed record ApprovalPostRequest(string Channel, Guid InvoiceId, int Round);

/// <summary>The payload of a digest post for one channel.</summary>
public sealed record ChatDigestRequest(string Channel, DateOnly Date);

/// <summary>The payload of a reminder or escalation post about one approval step.</summary>
public sealed record ChatNoticeRequest(string Channel, Guid InvoiceId, long StepId, bool Escalated);

/// <summary>
/// Queues chat effects for every switched-on channel, one outbox message per channel, into the caller's unit of
/// work: Slack failing never holds up or repeats Teams, and a state change and its posts commit together.
/// </summary>
public sealed class ChatOutbox(OutboxWriter outbox, ChatChannels channels)
{
    public const string PostKind = "chat.approval.post";
    public const string FollowUpKind = "chat.approval.follow-up";
    public const string UpdateKind = "chat.approval.update";
    public const string DigestKind = "chat.digest";
    public const string NoticeKind = "chat.notice";

    /// <summary>A new submission round asks for approval: post its card.</summary>
    public async Task ApprovalRequestedAsync(Invoice invoice, int round, CancellationToken ct)
    {
        foreach (var channel in channels.Names)
            await outbox.EnqueueAsync(PostKind, $"{PostKind}:{channel}:{invoice.Id}:{round}",
                new ApprovalPostRequest(channel, invoice.Id, round), invoice.Id, ct);
    }

    /// <summary>
    /// Something the card shows changed (a decision, a void): update the posted card. <paramref name="change"/>
    /// names the change once (e.g. "step:42:Approved"), so the same change never queues two updates.
    /// </summary>
    public async Task ApprovalChangedAsync(Invoice invoice, int round, string change, CancellationToken ct)
    {
        foreach (var channel in channels.Names)
            await outbox.EnqueueAsync(UpdateKind, $"{UpdateKind}:{channel}:{invoice.Id}:{change}",
                new ApprovalPostRequest(channel, invoice.Id, round), invoice.Id, ct);
    }

    internal Task<bool> FollowUpAsync(ApprovalPostRequest posted, CancellationToken ct) =>
        outbox.EnqueueAsync(FollowUpKind, $"{FollowUpKind}:{posted.Channel}:{posted.InvoiceId}:{posted.Round}", posted, posted.InvoiceId, ct);

    public async Task DigestDueAsync(DateOnly date, CancellationToken ct)
    {
        foreach (var channel in channels.Names)
            await outbox.EnqueueAsync(DigestKind, $"{DigestKind}:{channel}:{date:yyyy-MM-dd}", new ChatDigestRequest(channel, date), ct: ct);
    }

    /// <summary>A step is late: remind (or, escalated, hand to managers) in chat as well as by email.</summary>
    public async Task ApprovalLateAsync(Invoice invoice, long stepId, bool escalated, CancellationToken ct)
    {
        var what = escalated ? "escalated" : "reminded";
        foreach (var channel in channels.Names)
            await outbox.EnqueueAsync(NoticeKind, $"{NoticeKind}:{channel}:{what}:{stepId}",
                new ChatNoticeRequest(channel, invoice.Id, stepId, escalated), invoice.Id, ct);
    }
}
