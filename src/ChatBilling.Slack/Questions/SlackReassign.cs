using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Inbound;
using ChatBilling.Slack.Outbound;
using Microsoft.AspNetCore.Http;

namespace ChatBilling.Slack.Questions;

/// <summary>A reassignment chosen in the "Reassign" modal: the colleague's Slack user and the note.</summary>
public sealed record SlackReassignWork(string UserId, Guid InvoiceId, string ToUserId, string Note, string ChannelId);

/// <summary>
/// "Reassign…" on the Slack card: a modal with a user picker (a <c>users_select</c> element, whose choice arrives in
/// the <c>view_submission</c> as <c>selected_user</c>: docs.slack.dev/reference/block-kit/block-elements/
/// select-menu-element) and a note; the handover goes through <see cref="ReassignService"/> with all its checks.
/// </summary>
public static class SlackReassign
{
    public const string Action = "reassign";
    public const string CallbackId = "reassign_step";
    public const string Kind = "slack.reassign";

    public static JsonObject View(RejectModalState state, string about) => SlackModalView.Modal(CallbackId, state, "Reassign", "Hand it on", about,
        SlackModalView.Input("to", "Colleague who decides this step instead", new JsonObject { ["type"] = "users_select", ["action_id"] = "to" }),
        SlackModalView.TextBox("note", "Note for them"));

    public static async Task<IResult> SubmittedAsync(JsonObject payload, string userId, SlackInboxWriter inbox, CancellationToken ct)
    {
        var view = payload["view"]!;
        var to = view["state"]?["values"]?["to"]?["to"]?["selected_user"]?.GetValue<string>();
        var note = SlackModalView.Text(view, "note");
        if (string.IsNullOrEmpty(to)) return SlackModalView.Error("to", "Choose the colleague.");
        if (string.IsNullOrEmpty(note)) return SlackModalView.Error("note", "A reassignment needs a note for the colleague.");
        if (SlackModalView.Submitted(view) is not ({ } viewId, { } state)) return SlackModalView.MissingState();
        await inbox.QueueAsync(Kind, $"view:{viewId}", new SlackReassignWork(userId, state.InvoiceId, to, note, state.ChannelId), ct);
        return TypedResults.Ok();
    }
}

/// <summary>Hands the step on as the approver the Slack user maps to, on channel "slack", and tells them the outcome only for their eyes.</summary>
public sealed class SlackReassignHandler(ReassignService reassign, SlackPeople people, SlackInbox inbox) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<SlackReassignWork>();
        string reply;
        if (await people.ApproverAsync(work.UserId, ct) is not { } approver)
            reply = SlackInteractions.NotAnApprover(work.UserId);
        else if (await people.ApproverAsync(work.ToUserId, ct) is not { } colleague)
            reply = $"<@{work.ToUserId}> is not linked to an approver, so nothing was handed on.";
        else
        {
            try
            {
                var invoice = await reassign.ReassignAsync(work.InvoiceId, new ReassignRequest(approver.Email, colleague.Email, work.Note), SlackChannel.Name, ct);
                reply = SlackMessages.Escape($"{invoice.Number} is with {colleague.Name} now; they are asked by email and on the card.");
            }
            catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException or NotFoundException)
            {
                reply = SlackMessages.Escape(e.Message);
            }
            catch (InvalidInputException e)
            {
                reply = SlackMessages.Escape(string.Join(" ", e.Errors.SelectMany(x => x.Value)));
            }
        }
        await inbox.EnqueueOnlyAsync(SlackInbox.EphemeralKind, message.IdempotencyKey, new SlackEphemeralWork(work.ChannelId, work.UserId, reply), ct);
    }
}
