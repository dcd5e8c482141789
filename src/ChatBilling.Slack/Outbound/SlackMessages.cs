using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;

namespace ChatBilling.Slack.Outbound;

/// <summary>Slack message bodies: the bound Block Kit templates of cards/slack plus the few fields a call needs.</summary>
public static class SlackMessages
{
    /// <summary>An approval card as Slack shows it: <c>{ text, blocks }</c> from cards/slack.</summary>
    public static JsonObject Card(ShownCard shown) => CardTemplates.Bind($"slack/{shown.TemplateName}", shown.Card);

    /// <summary>A bot answer as a Slack message: <c>{ text, blocks }</c>.</summary>
    public static JsonObject Answer(BotAnswer answer) => CardTemplates.Bind($"slack/{answer.TemplateName}", answer.Card);

    /// <summary>Adds fields to a message body, e.g. <c>channel</c> and <c>thread_ts</c>; null values are left out.</summary>
    public static JsonObject With(this JsonObject message, params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
            if (value is not null) message[name] = value;
        return message;
    }

    /// <summary>Slack's three control characters, escaped so user text never turns into mentions or links.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary><c>&lt;@U…&gt;</c> for each person with a Slack id, so Slack notifies them.</summary>
    public static string Mentions(IEnumerable<ApproverSettings> people) =>
        string.Join(" ", people.Where(p => !string.IsNullOrWhiteSpace(p.SlackUserId)).Select(p => $"<@{p.SlackUserId}>").Distinct());
}
