using ChatBilling.Core.Cards;

namespace ChatBilling.Slack;

/// <summary>
/// Slack's card dialect: the Block Kit templates of <c>cards/slack</c>. They escape for mrkdwn themselves, with the
/// binder's <c>mrkdwn()</c> function where a value lands in mrkdwn text.
/// </summary>
public static class SlackDialect
{
    public static CardDialect Cards { get; } = new("slack", typeof(SlackDialect).Assembly);
}
