using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;

namespace ChatBilling.Slack.Outbound;

/// <summary>Slack message bodies: the bound Block Kit templates of cards/slack plus the few fields a call needs.</summary>
public static class SlackMessages
{
    /// <summary>An approval card as Slack shows it: <c>{ text, blocks }</c> from cards/slack.</summary>
    public static JsonObject Card(ShownCard shown) => SlackDialect.Cards.Bind(shown.TemplateName, shown.Card);

    /// <summary>
    /// A bot answer as a Slack message: <c>{ text, blocks }</c>. When the answer is help (a question that could not be
    /// answered), the answer's own sentence ("There is no invoice INV-1999-9999.") leads, as in Teams and the console,
    /// so the person learns why before reading the list of commands.
    /// </summary>
    public static JsonObject Answer(BotAnswer answer)
    {
        var message = SlackDialect.Cards.Bind(answer.TemplateName, answer.Card);
        if (answer.Card is not HelpCard || string.IsNullOrWhiteSpace(answer.Text)) return message;
        message["text"] = Escape(answer.Text);
        var reason = new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackBudget.Section(Escape(answer.Text)) },
        };
        var blocks = message["blocks"]!.AsArray();
        blocks.Insert(Math.Min(1, blocks.Count), reason);
        return message;
    }

    /// <summary>Adds fields to a message body, e.g. <c>channel</c> and <c>thread_ts</c>; null values are left out.</summary>
    public static JsonObject With(this JsonObject message, params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
            if (value is not null) message[name] = value;
        return message;
    }

    /// <summary>Slack's three control characters, escaped so user text never turns into mentions or links.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary><c>&lt;@U…&gt;</c> for each Slack user id, so Slack notifies them.</summary>
    public static string Mentions(IEnumerable<string> slackUserIds) => string.Join(" ", slackUserIds.Distinct().Select(id => $"<@{id}>"));
}
