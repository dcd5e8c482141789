using System.Net;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack;
using ChatBilling.Slack.Outbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>What the bot sends to Slack, and how it copes when Slack says no or slow down.</summary>
public sealed class SlackOutboundTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task The_PDF_shared_in_the_cards_thread_is_the_frozen_PDF_byte_for_byte()
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        await slack.DrainAsync();

        var frozen = await slack.App.WithDbAsync(db => db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == Guid.Parse(id)).Select(d => d.Pdf).SingleAsync());
        var asked = Assert.Single(slack.Slack.Of("files.getUploadURLExternal"));
        Assert.Equal(frozen.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), asked.Args["length"].Str());
        var (fileId, uploaded) = Assert.Single(slack.Slack.Uploads);
        Assert.Equal(frozen, uploaded);
        var complete = Assert.Single(slack.Slack.Of("files.completeUploadExternal"));
        Assert.Equal((ApprovalChannel, "1763802000.000001"), (complete.Args["channel_id"].Str(), complete.Args["thread_ts"].Str()));
        Assert.Contains(fileId, complete.Args["files"].Str());
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_not_before()
    {
        slack.Slack.ThrottleNext("chat.postMessage", 30);
        var id = await slack.Http.SubmittedInvoiceAsync(5000m);
        await slack.DrainAsync();
        Assert.Single(slack.Slack.Of("chat.postMessage"));
        var waiting = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post");
        Assert.Equal(slack.App.Clock.GetUtcNow().AddSeconds(30), waiting.NextAttemptAt);

        slack.App.Clock.Advance(TimeSpan.FromSeconds(29));
        await slack.DrainAsync();
        Assert.Single(slack.Slack.Of("chat.postMessage"));

        slack.App.Clock.Advance(TimeSpan.FromSeconds(1));
        await slack.DrainAsync();
        Assert.Equal(2, slack.Slack.Of("chat.postMessage").Count);
        var posted = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post");
        Assert.Equal((OutboxStatus.Done, 2), (posted.Status, posted.Attempts));
        Assert.Equal(id, (await slack.App.WithDbAsync(db => db.ChatPosts.SingleAsync())).InvoiceId.ToString());
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("invalid_auth")]
    [InlineData("invalid_blocks")]
    public async Task A_refusal_that_retrying_cannot_fix_fails_visibly_after_one_attempt(string error)
    {
        slack.Slack.FailNext("chat.postMessage", error);
        await slack.Http.SubmittedInvoiceAsync(5000m);
        await slack.DrainAsync();
        slack.App.Clock.Advance(TimeSpan.FromDays(1));
        await slack.DrainAsync();

        Assert.Single(slack.Slack.Of("chat.postMessage"));
        var failed = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post");
        Assert.Equal((OutboxStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains($"Slack chat.postMessage failed: {error}", failed.LastError);
    }

    [Theory]
    [InlineData("internal_error")]
    [InlineData("ratelimited")]
    [InlineData("service_unavailable")]
    public async Task A_transient_refusal_is_retried_with_backoff(string error)
    {
        slack.Slack.FailNext("chat.postMessage", error);
        await slack.Http.SubmittedInvoiceAsync(5000m);
        await slack.DrainAsync();
        var waiting = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post");
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains(error, waiting.LastError);

        slack.App.Clock.Advance(TimeSpan.FromHours(1));
        await slack.DrainAsync();

        Assert.Equal(2, slack.Slack.Of("chat.postMessage").Count);
        Assert.Equal(OutboxStatus.Done, (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post").Status);
    }

    [Fact]
    public async Task Reminders_go_in_the_cards_thread_mentioning_the_approvers_and_the_digest_to_its_channel()
    {
        await slack.PostedInvoiceAsync();
        slack.App.Clock.Advance(TimeSpan.FromHours(25));
        await slack.RunAsync("escalations");
        await slack.RunAsync("digest");
        await slack.DrainAsync();

        var posts = slack.Slack.Of("chat.postMessage");
        var reminder = Assert.Single(posts, p => p.Args["thread_ts"] is not null);
        Assert.Equal((ApprovalChannel, "1763802000.000001"), (reminder.Args["channel"].Str(), reminder.Args["thread_ts"].Str()));
        Assert.StartsWith($"<@{DanaUser}> <@{SamUser}> ", reminder.Args["text"].Str());
        var digest = Assert.Single(posts, p => p.Args["channel"].Str() == DigestChannel);
        Assert.NotNull(digest.Args["blocks"]);
    }

    [Fact]
    public async Task Posts_to_one_channel_wait_their_turn_while_other_channels_go_at_once()
    {
        var clock = new FakeTimeProvider(BillingApp.Start);
        var pacing = new SlackPacing(clock, Options.Create(new SlackSettings()));

        await pacing.WaitTurnAsync("C1", CancellationToken.None);
        var second = pacing.WaitTurnAsync("C1", CancellationToken.None);
        var third = pacing.WaitTurnAsync("C1", CancellationToken.None);
        await pacing.WaitTurnAsync("C2", CancellationToken.None);
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await second;
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await third;

        pacing.HoldOff("C2", TimeSpan.FromSeconds(30));
        var held = pacing.WaitTurnAsync("C2", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(held.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await held;
    }

    [Fact]
    public async Task With_Slack_off_the_Slack_routes_do_not_exist()
    {
        using var app = new BillingApp();
        var response = await app.Http().PostAsync("/slack/events", Rest.Json("""{"type":"url_verification","challenge":"x"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
