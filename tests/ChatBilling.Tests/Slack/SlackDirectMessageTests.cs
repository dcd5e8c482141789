using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// Questions written to the app in a direct message. The payloads follow the message.im sample of the Events API
/// (https://api.slack.com/events/message.im): type "message", channel_type "im", a D… channel, no bot mention in the text.
/// </summary>
public sealed class SlackDirectMessageTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    private static JsonObject DirectMessage(string eventId, string text, string user = DanaUser, string? subtype = null)
    {
        var e = new JsonObject
        {
            ["type"] = "message", ["channel"] = "D024BE91L", ["user"] = user, ["text"] = text,
            ["ts"] = "1355517523.000005", ["event_ts"] = "1355517523.000005", ["channel_type"] = "im",
        };
        if (subtype is not null) e["subtype"] = subtype;
        return new JsonObject
        {
            ["token"] = "one-long-verification-token", ["team_id"] = "T061EG9R6", ["api_app_id"] = "A0PNCHHK2", ["event"] = e,
            ["type"] = "event_callback", ["authed_teams"] = new JsonArray("T061EG9R6"), ["event_id"] = eventId, ["event_time"] = 1355517523,
        };
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_conversation_like_a_mention()
    {
        (await slack.PostEventAsync(DirectMessage("Ev0PV52K21", "what's overdue?"))).EnsureSuccessStatusCode();
        // Slack delivers the same event again when it did not see our 200 in time: answered once.
        (await slack.PostEventAsync(DirectMessage("Ev0PV52K21", "what's overdue?"))).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        var answer = Assert.Single(slack.Slack.Of("chat.postMessage")).Args;
        Assert.Equal(("D024BE91L", "1355517523.000005"), (answer["channel"].Str(), answer["thread_ts"].Str()));
        Assert.Equal("Overdue: 0", answer["text"].Str());
    }

    [Theory]
    [InlineData("message_changed")]
    [InlineData("bot_message")]
    [InlineData("message_deleted")]
    public async Task Edits_deletions_and_bot_posts_in_a_direct_message_are_not_questions(string subtype)
    {
        (await slack.PostEventAsync(DirectMessage("Ev0SUB" + subtype, "overdue", subtype: subtype))).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Empty(slack.Slack.Of("chat.postMessage"));
    }

    [Fact]
    public async Task A_message_in_a_channel_without_a_mention_is_not_a_question()
    {
        var message = DirectMessage("Ev0CHANNEL", "overdue");
        message["event"]!["channel_type"] = "channel";
        (await slack.PostEventAsync(message)).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Empty(slack.Slack.Of("chat.postMessage"));
    }
}
