using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Channels;

/// <summary>Reminds the approvers of a late step (or, escalated, the managers) in the approval card's thread.</summary>
public sealed class ChatNoticeHandler(ChatBillingDb db, ApprovalNotices notices, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ChatNoticeRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        if (await notices.ComposeAsync(new ApprovalNotice(request.InvoiceId, request.StepId, request.Escalated), ct) is not { } notice) return;
        var thread = await db.ChatPosts.AsNoTracking()
            .Where(p => p.InvoiceId == request.InvoiceId && p.Channel == request.Channel)
            .OrderByDescending(p => p.Round).FirstOrDefaultAsync(ct);
        await channel.PostNoticeAsync(new ChatNotice(request.InvoiceId, notice.Number, notice.Text, notice.People, thread?.Ref), ct);
    }
}
