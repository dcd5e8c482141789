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
        // Whether the card is out already, and the invoice's latest round, in one round trip.
        var seen = await db.Invoices.AsNoTracking().IgnoreAutoIncludes().Where(i => i.Id == request.InvoiceId)
            .Select(i => new
            {
                Posted = db.ChatPosts.Any(p => p.InvoiceId == i.Id && p.Channel == request.Channel && p.Round == request.Round),
                LatestRound = db.ApprovalSteps.Where(s => s.InvoiceId == i.Id).Max(s => (int?)s.Round),
            }).FirstOrDefaultAsync(ct);
        if (seen?.Posted == true) return;
        // A round resubmitted before its card went out needs no card: the newer round posts its own.
        if (seen?.LatestRound > request.Round) return;

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
/// each shows the latest state, so their order does not matter. The updates a batch of decisions causes read their posts
/// and build their cards together (<see cref="PrefetchAsync"/>), just after the batch's commit, as each would alone.
/// </summary>
public sealed class ApprovalUpdateHandler(ChatBillingDb db, ApprovalCards cards, IServiceProvider services) : IOutboxPrefetchingHandler
{
    /// <summary>Where a card landed and the card to put there, read ahead for one update.</summary>
    private sealed record ReadAhead(ChatMessageRef Post, ChannelApproval Card);

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ApprovalPostRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        if (OutboxPrefetched.For<ReadAhead>(message) is { } ahead)
        {
            await channel.UpdateApprovalAsync(ahead.Post, ahead.Card, ct);
            return;
        }
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

    /// <summary>
    /// The posts of every update in one query and their cards in a fixed few (<see cref="ApprovalCards.ForChannelManyAsync"/>).
    /// An update whose card is not posted yet is left out: its own attempt decides whether to wait for the post.
    /// PostgreSQL only: there every read is a round trip (3 to 12 ms each under load), and reading ahead took a batch of
    /// 100 decisions from 13.7 to 9.7 statements each and its drain from 5.0 to 3.5 s; on SQLite a read is an in-process
    /// call of well under a millisecond, and the same drain measured slower with it (2.6 to 3.3 s against 2.0 to 2.7 s).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, object>> PrefetchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (db is not PostgresChatBillingDb) return new Dictionary<Guid, object>();
        var requests = messages.Select(m => (m.Id, Request: m.ReadPayload<ApprovalPostRequest>()))
            .Where(r => services.GetKeyedService<IChatChannel>(r.Request.Channel) is not null).ToList();
        var invoiceIds = requests.Select(r => r.Request.InvoiceId).Distinct().ToList();
        var posts = (await db.ChatPosts.AsNoTracking().Where(p => invoiceIds.Contains(p.InvoiceId)).ToListAsync(ct))
            .ToDictionary(p => (p.InvoiceId, p.Channel, p.Round));
        var posted = requests.Where(r => posts.ContainsKey((r.Request.InvoiceId, r.Request.Channel, r.Request.Round))).ToList();
        if (posted.Count == 0) return new Dictionary<Guid, object>();
        var built = await cards.ForChannelManyAsync([.. posted.Select(r => r.Request.InvoiceId).Distinct()], ct);
        return posted.ToDictionary(r => r.Id,
            r => (object)new ReadAhead(posts[(r.Request.InvoiceId, r.Request.Channel, r.Request.Round)].Ref, built[r.Request.InvoiceId]));
    }
}

internal static class ChatPostQueries
{
    /// <summary>The card posted for the request's invoice, channel and round (at most one: the key is unique).</summary>
    public static IQueryable<ChatPost> For(this IQueryable<ChatPost> posts, ApprovalPostRequest request) =>
        posts.Where(p => p.InvoiceId == request.InvoiceId && p.Channel == request.Channel && p.Round == request.Round);
}
