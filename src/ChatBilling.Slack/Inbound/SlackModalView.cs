using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using Microsoft.AspNetCore.Http;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// The frame the card's modals share (reject, ask a question, reassign): a modal opened with views.open whose
/// <c>private_metadata</c> carries the click's <see cref="RejectModalState"/> to the <c>view_submission</c>
/// (docs.slack.dev/reference/surfaces/modals; docs.slack.dev/reference/interaction-payloads/view-interactions-payload),
/// and the <c>response_action: errors</c> answer that keeps the modal open with a message next to the field.
/// </summary>
internal static class SlackModalView
{
    public static JsonObject Modal(string callbackId, RejectModalState state, string title, string submit, string about, params JsonObject[] inputs) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["private_metadata"] = JsonSerializer.Serialize(state, JsonSerializerOptions.Web),
        ["title"] = PlainText(title),
        ["submit"] = PlainText(submit),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = new JsonArray([new JsonObject { ["type"] = "section", ["text"] = PlainText(about) }, .. inputs]),
    };

    /// <summary>A multi-line text box as long as a decision's reason may be; its block and action ids are the same name.</summary>
    public static JsonObject TextBox(string id, string label) => Input(id, label, new JsonObject
    {
        ["type"] = "plain_text_input", ["action_id"] = id, ["multiline"] = true, ["max_length"] = ApprovalService.MaxReasonLength,
    });

    public static JsonObject Input(string blockId, string label, JsonObject element) =>
        new() { ["type"] = "input", ["block_id"] = blockId, ["label"] = PlainText(label), ["element"] = element };

    public static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    /// <summary>The value typed into a <see cref="TextBox"/>, trimmed.</summary>
    public static string? Text(JsonNode view, string id) => view["state"]?["values"]?[id]?[id]?["value"]?.GetValue<string>()?.Trim();

    /// <summary>The view's id (the idempotency key of what it submits) and the state its click left, or null for a payload not shaped so.</summary>
    public static (string ViewId, RejectModalState State)? Submitted(JsonNode view)
    {
        var viewId = view["id"]?.GetValue<string>();
        try
        {
            var state = JsonSerializer.Deserialize<RejectModalState>(view["private_metadata"]?.GetValue<string>() ?? "", JsonSerializerOptions.Web);
            return string.IsNullOrEmpty(viewId) || state is null ? null : (viewId, state);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Slack shows the message next to the field and keeps the modal open.</summary>
    public static IResult Error(string blockId, string message) =>
        TypedResults.Json(new { response_action = "errors", errors = new Dictionary<string, string> { [blockId] = message } });

    public static IResult MissingState() => SlackInteractions.BadPayload("The modal's view.id or private_metadata is missing.");
}
