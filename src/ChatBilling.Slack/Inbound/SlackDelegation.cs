using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBilling.Core.Delegation;
using ChatBilling.Slack.Outbound;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// <c>/billing delegate @sam until 2026-12-24</c> (and <c>delegate off</c>, <c>delegations</c>), answered only to the
/// person who typed it. The colleague may arrive as typed (<c>@sam</c>) or, when the command escapes users, as
/// <c>&lt;@U0SAM|sam&gt;</c> (docs.slack.dev/interactivity/implementing-slash-commands, "Escaping"): the id is then
/// what Slack proved, and wins over the label.
/// </summary>
public static partial class SlackDelegation
{
    public static async Task<JsonObject> AnswerAsync(string rawText, string? userId, SlackPeople people, DelegationCommand command, CancellationToken ct)
    {
        var asker = string.IsNullOrEmpty(userId) ? null : await people.ApproverAsync(userId, ct);
        string? who = null;
        if (Mention().Match(rawText) is { Success: true } mention)
            who = (await people.ApproverAsync(mention.Groups["id"].Value, ct))?.Email ?? mention.Groups["id"].Value;
        var reply = await command.RunAsync(asker, SlackText.Decode(rawText), SlackChannel.Name, ct, who);
        // https://api.slack.com/interactivity/slash-commands#responding_immediately: "ephemeral" is seen by the asker only.
        return new JsonObject { ["response_type"] = "ephemeral", ["text"] = SlackMessages.Escape(reply) };
    }

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(?:\|[^<>]*)?>")]
    private static partial Regex Mention();
}
