using System.Net;
using ChatBilling.Core.Channels;
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
        // The card's preview PNG is uploaded first; the PDF is the upload with a .pdf name.
        var asked = Assert.Single(slack.Slack.Of("files.getUploadURLExternal"), c => c.Args["filename"].Str().EndsWith(".pdf", StringComparison.Ordinal));
        Assert.Equal(frozen.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), asked.Args["length"].Str());
        var (fileId, uploaded) = Assert.Single(slack.Slack.Uploads, u => u.Value.AsSpan().StartsWith("%PDF"u8));
        Assert.Equal(frozen, uploaded);
        var complete = Assert.Single(slack.Slack.Of("files.completeUploadExternal"), c => c.Args["channel_id"] is not null);
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
        // Waiting out Slack's Retry-After is not a failed attempt: only the post that went through is counted.
        Assert.Equal((OutboxStatus.Done, 1), (posted.Status, posted.Attempts));
        Assert.Equal(id, (await slack.App.WithDbAsync(db => db.ChatPosts.SingleAsync())).InvoiceId.ToString());
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("invalid_auth")]
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
        var pacing = new SlackPacing(new ChatPacer(clock), Options.Create(new SlackSettings()));

        await pacing.WaitTurnAsync("chat.postMessage", "C1", CancellationToken.None);
        var second = pacing.WaitTurnAsync("chat.postMessage", "C1", CancellationToken.None);
        var third = pacing.WaitTurnAsync("chat.postMessage", "C1", CancellationToken.None);
        await pacing.WaitTurnAsync("chat.postMessage", "C2", CancellationToken.None);
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await second;
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await third;
    }

    [Fact]
    public async Task A_long_hold_off_goes_back_to_the_outbox_instead_of_holding_a_worker_and_stays_in_its_lane()
    {
        var clock = new FakeTimeProvider(BillingApp.Start);
        var pacing = new SlackPacing(new ChatPacer(clock), Options.Create(new SlackSettings()));

        pacing.HoldOff("chat.postMessage", "C2", TimeSpan.FromSeconds(30));

        var held = Assert.Throws<OutboxRetryAfterException>(() => { _ = pacing.WaitTurnAsync("chat.postMessage", "C2", CancellationToken.None); });
        Assert.Equal(TimeSpan.FromSeconds(30), held.RetryAfter);
        // Other channels and other methods are not held.
        Assert.True(pacing.WaitTurnAsync("chat.postMessage", "C3", CancellationToken.None).IsCompleted);
        Assert.True(pacing.WaitTurnAsync("chat.update", "C2", CancellationToken.None).IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(pacing.WaitTurnAsync("chat.postMessage", "C2", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Each_method_is_paced_by_its_tier_with_a_short_burst()
    {
        var clock = new FakeTimeProvider(BillingApp.Start);
        var pacing = new SlackPacing(new ChatPacer(clock), Options.Create(new SlackSettings()));

        // Tier 3 (chat.update, 50 a minute): a burst of 5 goes at once, then one every 1.2 s, and a turn more than
        // three seconds away is handed back to the outbox.
        for (var i = 0; i < 5; i++) Assert.True(pacing.WaitTurnAsync("chat.update", null, CancellationToken.None).IsCompleted);
        Assert.False(pacing.WaitTurnAsync("chat.update", null, CancellationToken.None).IsCompleted);
        Assert.False(pacing.WaitTurnAsync("chat.update", null, CancellationToken.None).IsCompleted);
        Assert.Throws<OutboxRetryAfterException>(() => { _ = pacing.WaitTurnAsync("chat.update", null, CancellationToken.None); });
        // An unlisted method counts as Tier 2 (20 a minute): two at once, the third 3 s later, the fourth to the outbox.
        Assert.True(pacing.WaitTurnAsync("conversations.info", null, CancellationToken.None).IsCompleted);
        Assert.True(pacing.WaitTurnAsync("conversations.info", null, CancellationToken.None).IsCompleted);
        Assert.False(pacing.WaitTurnAsync("conversations.info", null, CancellationToken.None).IsCompleted);
        Assert.Throws<OutboxRetryAfterException>(() => { _ = pacing.WaitTurnAsync("conversations.info", null, CancellationToken.None); });
    }

    [Fact]
    public async Task A_long_Retry_After_from_Slack_leaves_the_message_in_the_outbox_while_email_goes_out()
    {
        slack.Slack.ThrottleNext("chat.postMessage", 120);
        var id = await slack.Http.SubmittedInvoiceAsync(500m); // under AutoApproveBelow: approved at once, emailed
        await slack.Http.SubmittedInvoiceAsync(5000m);
        await slack.DrainAsync();

        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        var card = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post");
        Assert.Equal((OutboxStatus.Pending, slack.App.Clock.GetUtcNow().AddSeconds(120)), (card.Status, card.NextAttemptAt));
        // The next card for that channel waits its turn in the outbox too, rather than in a worker.
        await slack.Http.SubmittedInvoiceAsync(6000m);
        await slack.DrainAsync();
        Assert.Single(slack.Slack.Of("chat.postMessage"));
        var next = (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post" && m.LastError?.Contains("paced") == true);
        Assert.Equal(OutboxStatus.Pending, next.Status);
        Assert.True(next.NextAttemptAt > slack.App.Clock.GetUtcNow().AddSeconds(100));
    }

    [Fact]
    public async Task With_Slack_off_the_Slack_routes_do_not_exist()
    {
        using var app = new BillingApp();
        var response = await app.Http().PostAsync("/slack/events", Rest.Json("""{"type":"url_verification","challenge":"x"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
