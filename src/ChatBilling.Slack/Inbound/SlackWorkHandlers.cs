using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Slack.Outbound;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Makes a decision clicked in Slack, as the approver the Slack user maps to, and tells the clicker the outcome (or
/// why nothing changed) in a separate ephemeral message, so a failed reply never repeats the decision.
/// The posted card is updated by the decision itself (the core queues that). Batched: the decisions a drain claims
/// together are applied in one transaction, each in its own savepoint.
/// </summary>
public sealed class SlackDecisionHandler(ApprovalService approvals, SlackPeople people, SlackInbox inbox) : IOutboxBatchedHandler
{
    /// <summary>Finding an approver by email may ask Slack (users.lookupByEmail); that happens here, before the write lock.</summary>
    public async Task PrepareAsync(OutboxMessage message, CancellationToken ct) =>
        await people.ApproverAsync(message.ReadPayload<SlackDecisionWork>().UserId, ct);

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackDecisionWork>();
        // The reply is Slack mrkdwn: the service's sentences (which quote reasons people typed) are escaped.
        string reply;
        if (await people.ApproverAsync(work.UserId, ct) is not { } approver)
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

/// <summary>
/// Answers a mention in the thread it came from, with the same answers the console and Teams give, when the asker
/// is known; anyone else is told, only for their eyes, whom to ask.
/// </summary>
public sealed class SlackMentionHandler(AskGate gate, PeopleDirectory people, SlackChannel channel, SlackInbox inbox) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackMentionWork>();
        var gated = await gate.AnswerAsync(people.ByIdentity(SlackChannel.Name, work.UserId), work.Text, ct);
        if (gated.Answer is not { } answer)
        {
            if (work.UserId is { Length: > 0 } user)
                await inbox.EnqueueOnlyAsync(SlackInbox.EphemeralKind, message.IdempotencyKey,
                    new SlackEphemeralWork(work.ChannelId, user, SlackMessages.Escape(gated.Refusal)), ct);
            return;
        }
        await channel.PostMessageAsync(SlackMessages.Answer(answer).With(("channel", work.ChannelId), ("thread_ts", work.ThreadTs)), ct);
    }
}
