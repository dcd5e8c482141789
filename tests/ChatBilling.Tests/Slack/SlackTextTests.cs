using ChatBilling.Slack.Inbound;

namespace ChatBilling.Tests.Slack;

/// <summary>Slack's escaping and angle-bracket forms, read back into what the person typed.</summary>
public sealed class SlackTextTests
{
    [Theory]
    [InlineData("overdue Smith &amp; Jones", "overdue Smith & Jones")]
    [InlineData("overdue &lt;b&gt; &amp;lt;", "overdue <b> &lt;")]
    [InlineData("pending <http://shop.io|Shop.io>", "pending Shop.io")]
    [InlineData("pending <https://shop.io/a?b=1&amp;c=2>", "pending https://shop.io/a?b=1&c=2")]
    [InlineData("overdue <mailto:ap@acme.io|ap@acme.io>", "overdue ap@acme.io")]
    [InlineData("overdue <mailto:ap@acme.io>", "overdue ap@acme.io")]
    [InlineData("<@U0BOT> pending", "@U0BOT pending")]
    [InlineData("<@U0BOT|billing> pending", "@billing pending")]
    [InlineData("pending in <#C0APPROVALS|approvals>", "pending in #approvals")]
    [InlineData("<!here> overdue", "@here overdue")]
    [InlineData("<!subteam^S0FIN|@finance> overdue", "@finance overdue")]
    [InlineData("", "")]
    public void Decodes_what_Slack_sends_into_what_was_typed(string sent, string typed) =>
        Assert.Equal(typed, SlackText.Decode(sent));
}
