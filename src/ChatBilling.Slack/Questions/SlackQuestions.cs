using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Inbound;
using ChatBilling.Slack.Outbound;
using Microsoft.AspNetCore.Http;

namespace ChatBilling.Slack.Questions;

/// <summary>A question typed into the "Ask a question" modal, to be asked after Slack has had its answer.</summary>
public sealed record SlackQuestionWork(string UserId, Guid InvoiceId, string Text, string ChannelId);

/// <summary>
/// "Ask a question…" on the Slack card: the click's <c>trigger_id</c> opens a modal with a question box (views.open,
/// docs.slack.dev/reference/methods/views.open: the trigger id is valid for three seconds, which is why the modal is
/// opened by <see cref="SlackModals"/> right after the acknowledgement), and its <c>view_submission</c> carries the
/// text in <c>view.state.values[block_id][action_id].value</c> (docs.slack.dev/reference/interaction-payloads/
/// view-interactions-payload). The question is stored as outbox work under the view's id, so a repeated delivery asks once.
/// </summary>
public static class SlackQuestions
{
    public const string AskAction = "ask";
    public const string CallbackId = "ask_question";
    public const string Kind = "slack.question";
    public const string BlockId = "question";

    public static JsonObject View(RejectModalState state, string about) => SlackModalView.Modal(CallbackId, state, "Ask a question", "Ask", about,
        SlackModalView.TextBox(BlockId, "What do you need to know before deciding? The requester is asked; the invoice keeps waiting."));

    /// <summary>The modal's submission: an empty question keeps the modal open with the error next to the box (<c>response_action: errors</c>).</summary>
    public static async Task<IResult> SubmittedAsync(JsonObject payload, string userId, SlackInboxWriter inbox, CancellationToken ct)
    {
        var view = payload["view"]!;
        var text = SlackModalView.Text(view, BlockId);
        if (string.IsNullOrEmpty(text)) return SlackModalView.Error(BlockId, "A question needs its text.");
        if (text.Length > ApprovalService.MaxReasonLength) return SlackModalView.Error(BlockId, $"At most {ApprovalService.MaxReasonLength} characters, please.");
        if (SlackModalView.Submitted(view) is not ({ } viewId, { } state)) return SlackModalView.MissingState();
        await inbox.QueueAsync(Kind, $"view:{viewId}", new SlackQuestionWork(userId, state.InvoiceId, text, state.ChannelId), ct);
        return TypedResults.Ok();
    }
}

/// <summary>Asks the question as the approver the Slack user maps to, on channel "slack", and tells the asker the outcome only for their eyes.</summary>
public sealed class SlackQuestionHandler(ApprovalQuestions questions, SlackPeople people, SlackInbox inbox) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackQuestionWork>();
        string reply;
        if (await people.ApproverAsync(work.UserId, ct) is not { } approver)
            reply = SlackInteractions.NotAnApprover(work.UserId);
        else
        {
            try
            {
                await questions.AskAsync(work.InvoiceId, approver.Email, work.Text, SlackChannel.Name, ct);
                reply = "Your question was sent to the requester and posted in the card's thread; the invoice keeps waiting for your decision.";
            }
            catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException or InvalidInputException or NotFoundException)
            {
                reply = SlackMessages.Escape(e.Message);
            }
        }
        await inbox.EnqueueOnlyAsync(SlackInbox.EphemeralKind, message.IdempotencyKey, new SlackEphemeralWork(work.ChannelId, work.UserId, reply), ct);
    }
}
