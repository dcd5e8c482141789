using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// Slack's transient failures (HTTP 5xx, as python-slack-sdk's <c>slack_sdk/http_retry/builtin_handlers.py</c>
/// ServerErrorRetryHandler retries) go through the shared <see cref="ChatHttpRetries"/> handler: a replace is retried in
/// place, a create never is.
/// </summary>
public sealed class SlackTransientRetryTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task A_server_error_on_a_card_update_is_retried_in_place_within_one_outbox_attempt(int status)
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        slack.Slack.ServerErrorNext("chat.update", status);
        (await slack.Http.DecideAsync(id, ApprovalFixture.Dana, "approve")).EnsureSuccessStatusCode();

        await slack.App.Clock.MovingWhileAsync(slack.DrainAsync());

        Assert.Equal(2, slack.Slack.Of("chat.update").Count);
        var update = (await slack.OutboxAsync()).Single(m => m.Kind == ChatOutbox.UpdateKind);
        Assert.Equal((OutboxStatus.Done, 1), (update.Status, update.Attempts));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_on_a_new_card_is_not_repeated_in_place(int status)
    {
        slack.Slack.ServerErrorNext("chat.postMessage", status);
        await slack.Http.SubmittedInvoiceAsync(5000m);

        await slack.App.Clock.MovingWhileAsync(slack.DrainAsync());

        Assert.Single(slack.Slack.Of("chat.postMessage"));
        var post = (await slack.OutboxAsync()).Single(m => m.Kind == ChatOutbox.PostKind);
        Assert.Equal(OutboxStatus.Pending, post.Status);
        Assert.Contains($"answered HTTP {status}", post.LastError);
        Assert.Equal(0, await slack.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
    }
}
