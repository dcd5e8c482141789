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

    public static JsonObject View(RejectModalState state, string about) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = CallbackId,
        ["private_metadata"] = JsonSerializer.Serialize(state, JsonSerializerOptions.Web),
        ["title"] = PlainText("Reassign"),
        ["submit"] = PlainText("Hand it on"),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = new JsonArray(
            new JsonObject { ["type"] = "section", ["text"] = PlainText(about) },
            new JsonObject
            {
                ["type"] = "input", ["block_id"] = "to", ["label"] = PlainText("Colleague who decides this step instead"),
                ["element"] = new JsonObject { ["type"] = "users_select", ["action_id"] = "to" },
            },
            new JsonObject
            {
                ["type"] = "input", ["block_id"] = "note", ["label"] = PlainText("Note for them"),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input", ["action_id"] = "note", ["multiline"] = true, ["max_length"] = ApprovalService.MaxReasonLength,
                },
            }),
    };

    public static async Task<IResult> SubmittedAsync(JsonObject payload, string userId, SlackInboxWriter inbox, CancellationToken ct)
    {
        var view = payload["view"]!;
        var values = view["state"]?["values"];
        var to = values?["to"]?["to"]?["selected_user"]?.GetValue<string>();
        var note = values?["note"]?["note"]?["value"]?.GetValue<string>()?.Trim();
        if (string.IsNullOrEmpty(to)) return Error("to", "Choose the colleague.");
        if (string.IsNullOrEmpty(note)) return Error("note", "A reassignment needs a note for the colleague.");
        RejectModalState? state = null;
        try
        {
            state = JsonSerializer.Deserialize<RejectModalState>(view["private_metadata"]?.GetValue<string>() ?? "", JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
        }
        var viewId = view["id"]?.GetValue<string>();
        if (string.IsNullOrEmpty(viewId) || state is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Slack payload this endpoint understands.",
                detail: "The modal's view.id or private_metadata is missing.");
        await inbox.QueueAsync(Kind, $"view:{viewId}", new SlackReassignWork(userId, state.InvoiceId, to, note, state.ChannelId), ct);
        return TypedResults.Ok();
    }

    private static IResult Error(string block, string message) =>
        TypedResults.Json(new { response_action = "errors", errors = new Dictionary<string, string> { [block] = message } });

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };
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
