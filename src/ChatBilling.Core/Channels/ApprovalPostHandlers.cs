using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Channels;

/// <summary>Posts the approval card of a submission round into one channel and remembers where it landed.</summary>
public sealed class ApprovalPostHandler(
    ChatBillingDb db, ApprovalCards cards, ChatOutbox chat, TimeProvider time, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ApprovalPostRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        if (await db.ChatPosts.For(request).AnyAsync(ct)) return;
        // A round resubmitted before its card went out needs no card: the newer round posts its own.
        var latestRound = await db.ApprovalSteps.Where(s => s.InvoiceId == request.InvoiceId).MaxAsync(s => (int?)s.Round, ct);
        if (latestRound > request.Round) return;

        var approval = await cards.ForChannelAsync(request.InvoiceId, ct);
        var posted = await channel.PostApprovalAsync(approval, ct);
        db.ChatPosts.Add(new ChatPost
        {
            InvoiceId = request.InvoiceId, Channel = request.Channel, Round = request.Round,
            ConversationId = posted.ConversationId, MessageId = posted.MessageId, PostedAt = time.GetUtcNow(),
        });
        if (channel.FollowsUpApprovalPosts) await chat.FollowUpAsync(request, ct);
    }
}

/// <summary>
/// Runs a channel's follow-up of a posted card (e.g. the PDF in the thread), apart from the post itself. It needs only
/// where the card landed and the invoice: building the card again (its queries and preview checks) would be for nothing.
/// </summary>
public sealed class ApprovalFollowUpHandler(ChatBillingDb db, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ApprovalPostRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        var post = await db.ChatPosts.AsNoTracking().For(request).FirstAsync(ct);
        await channel.AfterApprovalPostedAsync(post.Ref, request.InvoiceId, ct);
    }
}

/// <summary>
/// Replaces a posted approval card with the invoice's card as it is now. Several updates may be queued for one card;
/// each shows the latest state, so their order does not matter.
/// </summary>
public sealed class ApprovalUpdateHandler(ChatBillingDb db, ApprovalCards cards, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ApprovalPostRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        var post = await db.ChatPosts.AsNoTracking().For(request).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            // The card may still be on its way: wait for it rather than lose the update. Once its post is over
            // (done without a card, or failed), there is nothing to update.
            var postKey = $"{ChatOutbox.PostKind}:{request.Channel}:{request.InvoiceId}:{request.Round}";
            if (await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == postKey && m.Status == OutboxStatus.Pending, ct))
                throw new InvalidOperationException($"The {request.Channel} approval card of round {request.Round} is not posted yet.");
            return;
        }
        await channel.UpdateApprovalAsync(post.Ref, await cards.ForChannelAsync(request.InvoiceId, ct), ct);
    }
}

internal static class ChatPostQueries
{
    /// <summary>The card posted for the request's invoice, channel and round (at most one: the key is unique).</summary>
    public static IQueryable<ChatPost> For(this IQueryable<ChatPost> posts, ApprovalPostRequest request) =>
        posts.Where(p => p.InvoiceId == request.InvoiceId && p.Channel == request.Channel && p.Round == request.Round);
}
