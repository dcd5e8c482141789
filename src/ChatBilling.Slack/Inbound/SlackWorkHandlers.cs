using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Outbound;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Makes a decision clicked in Slack, as the approver the Slack user maps to, and tells the clicker the outcome (or
/// why nothing changed) in a separate ephemeral message, so a failed reply never repeats the decision.
/// The posted card is updated by the decision itself (the core queues that).
/// </summary>
public sealed class SlackDecisionHandler(ApprovalService approvals, ApproverDirectory approvers, SlackInbox inbox) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackDecisionWork>();
        // The reply is Slack mrkdwn: the service's sentences (which quote reasons people typed) are escaped.
        string reply;
        if (approvers.BySlackUser(work.UserId) is not { } approver)
            reply = SlackInteractions.NotAnApprover(work.UserId);
        else
        {
            try
            {
                var decided = await approvals.DecideAsync(work.InvoiceId,
                    new DecisionRequest(approver.Email, work.Approve, work.Reason, work.CardVersion), SlackChannel.Name, ct);
                reply = SlackMessages.Escape(decided.Message);
            }
            // The service's refusals are sentences for the person who clicked; nothing changed.
            catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException
                                           or InvalidInputException or NotFoundException)
            {
                reply = SlackMessages.Escape(e.Message);
            }
        }
        await inbox.EnqueueOnlyAsync(SlackInbox.EphemeralKind, message.IdempotencyKey,
            new SlackEphemeralWork(work.ChannelId, work.UserId, reply), ct);
    }
}

/// <summary>Posts an ephemeral message to one person in a channel.</summary>
public sealed class SlackEphemeralHandler(SlackApi api) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackEphemeralWork>();
        await api.CallAsync("chat.postEphemeral",
            new JsonObject { ["channel"] = work.ChannelId, ["user"] = work.UserId, ["text"] = work.Text }, ct);
    }
}

/// <summary>Answers a mention in the thread it came from, with the same answers the console and Teams give.</summary>
public sealed class SlackMentionHandler(BotAnswers bot, SlackChannel channel, Core.Approvals.ApproverDirectory approvers) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackMentionWork>();
        var approver = approvers.BySlackUser(work.UserId);
        var answer = await bot.AnswerAsync(work.Text, new BotAsker(approver?.Email, approver?.Name), ct);
        await channel.PostMessageAsync(SlackMessages.Answer(answer).With(("channel", work.ChannelId), ("thread_ts", work.ThreadTs)), ct);
    }
}
