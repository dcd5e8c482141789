using System.Net;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// Slack's request URLs store their work through one group-commit writer: a burst of clicks and retried events is
/// stored once each, and every 200 means the row is already committed.
/// </summary>
public sealed class SlackGroupCommitTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task A_burst_of_clicks_with_repeats_is_stored_once_per_trigger_and_each_ack_follows_its_commit()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        // Eight distinct clicks, and Slack delivering one of them five times over, all at once. (Eight: each click
        // that comes too late is told so in an ephemeral, and more than Tier 4's burst of ten would wait for the fake clock.)
        var triggers = Enumerable.Range(0, 8).Select(i => $"t-burst-{i}").Concat(Enumerable.Repeat("t-burst-7", 5)).ToList();
        var acks = await Task.WhenAll(triggers.Select(t => slack.ClickAsync(DanaUser, "approve", value, t)));

        Assert.All(acks, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // Read right after the answers: acknowledged means committed, so nothing is still on its way.
        var decisions = (await slack.OutboxAsync()).Where(m => m.Kind == SlackInbox.DecisionKind).ToList();
        Assert.Equal(8, decisions.Count);
        Assert.Equal(8, decisions.Select(m => m.IdempotencyKey).Distinct().Count());

        await slack.DrainAsync();
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        var history = await slack.Http.HistoryAsync(id);
        Assert.Single(history, h => h!["action"]!.ToString() == "approved"); // one decision counted; the rest were told
    }

    [Fact]
    public async Task An_event_delivered_several_times_at_once_is_stored_and_answered_once()
    {
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            slack.PostEventAsync(Mention("Ev0BURST", "<@U0BOT> overdue"))));

        Assert.All(deliveries, d => Assert.Equal(HttpStatusCode.OK, d.StatusCode));
        Assert.Single(await slack.OutboxAsync(), m => m.Kind == SlackInbox.MentionKind);
        await slack.DrainAsync();
        Assert.Single(slack.Slack.Of("chat.postMessage"), c => c.Args["thread_ts"] is not null);
    }
}
