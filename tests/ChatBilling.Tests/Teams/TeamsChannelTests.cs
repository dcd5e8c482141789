using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Teams;

/// <summary>What the product posts into Teams through the outbox: approval cards, their updates, notices and the digest.</summary>
public sealed class TeamsChannelTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_submission_posts_the_card_into_the_approval_channel_and_stores_where_it_landed()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        await host.DrainAsync();

        var post = Assert.Single(host.Platform.CallsOf("POST"));
        Assert.Equal("/v3/conversations", post.Path);
        Assert.True(post.Body["isGroup"]!.GetValue<bool>());
        Assert.Equal(TeamsHost.ApprovalChannel, post.Body["channelData"]!["channel"]!["id"].Str());
        var attachment = post.Body["activity"]!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"].Str());
        Assert.Contains("\"verb\":\"approve\"", attachment["content"]!.ToJsonString());
        Assert.Equal("Bearer bot-token-1", post.Authorization);

        var stored = await host.App.WithDbAsync(db => db.ChatPosts.SingleAsync());
        Assert.Equal((Guid.Parse(id), "teams"), (stored.InvoiceId, stored.Channel));
        Assert.Equal($"{TeamsHost.ApprovalChannel};messageid=1", stored.ConversationId);
        Assert.Equal("1", stored.MessageId);
    }

    [Fact]
    public async Task A_teams_card_queues_no_follow_up_since_teams_has_none()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();

        Assert.Single(host.Platform.CallsOf("POST"));
        var kinds = await host.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.Kind).ToListAsync());
        Assert.Contains(ChatOutbox.PostKind, kinds);
        Assert.DoesNotContain(ChatOutbox.FollowUpKind, kinds);
    }

    [Fact]
    public async Task The_posted_card_stays_well_under_the_teams_message_size_limit()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var post = Assert.Single(host.Platform.CallsOf("POST"));
        // Teams refuses messages over about 28 KB; the preview is a link, never inline bytes.
        var size = System.Text.Encoding.UTF8.GetByteCount(post.Body["activity"]!.ToJsonString());
        Assert.InRange(size, 1000, 14 * 1024);
        Assert.DoesNotContain("data:image", post.Body.ToJsonString());
    }

    [Fact]
    public async Task A_decision_replaces_the_posted_card_in_place()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        (await host.Http.DecideAsync(id, ApprovalFixture.Dana, "reject", "Wrong rate")).EnsureSuccessStatusCode();
        await host.DrainAsync();

        var put = Assert.Single(host.Platform.CallsOf("PUT"));
        Assert.Equal($"/v3/conversations/{TeamsHost.ApprovalChannel};messageid=1/activities/1", put.Path);
        Assert.Equal("1", put.Body["id"].Str());
        var card = put.Body["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Wrong rate", card);
        Assert.DoesNotContain("\"verb\":\"approve\"", card);
    }

    [Fact]
    public async Task A_click_in_teams_moves_the_channel_card_to_the_next_step_for_everyone()
    {
        var id = await host.Http.SubmittedInvoiceAsync(26000m); // approver, then finance
        await host.DrainAsync();
        var version = await host.Http.CardVersionAsync(id);
        // Fin wrote to the bot once, so Teams told us Fin's id.
        (await host.SendAsync(host.Message("fin-1", "help", "aad-fin"))).EnsureSuccessStatusCode();

        (await host.SendAsync(host.Invoke("i-1", "approve", id, version, "aad-dana"))).EnsureSuccessStatusCode();
        await host.DrainAsync();

        var put = Assert.Single(host.Platform.CallsOf("PUT"));
        var card = put.Body["attachments"]![0]!["content"]!;
        // The shared card now asks finance: Fin's buttons, refreshed for Fin only, by the 29: id Teams sent.
        Assert.Contains("Step 2 of 2", card.ToJsonString());
        Assert.Equal(["29:user-aad-fin"], card["refresh"]!["userIds"]!.AsArray().Select(u => u.Str()));
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
    }

    [Fact]
    public async Task Without_a_known_teams_id_the_card_leaves_user_ids_out()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var card = Assert.Single(host.Platform.CallsOf("POST")).Body["activity"]!["attachments"]![0]!["content"]!;
        Assert.NotNull(card["refresh"]);
        Assert.Null(card["refresh"]!["userIds"]);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_the_connector_asks_for_and_posts_once()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        host.Platform.Failures.Enqueue(new(429, "2"));
        host.Platform.Failures.Enqueue(new(412));
        var before = host.App.Clock.GetUtcNow();

        await host.DrainMovingClockAsync();

        Assert.Equal(3, host.Platform.CallsOf("POST").Count);
        Assert.Single(host.Platform.Delivered);
        Assert.Equal(1, await host.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
        // The retry waited at least the two seconds of Retry-After on the product's clock.
        Assert.True(host.App.Clock.GetUtcNow() - before >= TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(403, "not in that conversation")]
    [InlineData(404, "no longer exists")]
    [InlineData(413, "larger than Teams accepts")]
    public async Task A_refused_post_fails_at_once_into_the_exception_queue_with_the_reason(int status, string reason)
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        host.Platform.Failures.Enqueue(new(status));
        await host.DrainAsync();
        host.App.Clock.Advance(TimeSpan.FromHours(1));
        await host.DrainAsync();

        Assert.Single(host.Platform.CallsOf("POST"));
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
        var failed = await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == ChatOutbox.PostKind));
        Assert.Equal((OutboxStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains($"answered {status}", failed.LastError);
        Assert.Contains(reason, failed.LastError);
    }

    [Theory]
    [InlineData(504)]
    [InlineData(502)]
    public async Task A_gateway_timeout_after_the_card_landed_does_not_post_a_second_card(int status)
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        host.Platform.Failures.Enqueue(new(status, AfterPosting: true));
        await host.DrainMovingClockAsync();
        host.App.Clock.Advance(TimeSpan.FromHours(1));
        await host.DrainMovingClockAsync();

        Assert.Single(host.Platform.Delivered);
        var failed = await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == ChatOutbox.PostKind));
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("may have posted it anyway", failed.LastError);
    }

    [Fact]
    public async Task A_gateway_timeout_on_a_card_update_is_retried_in_place()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        (await host.Http.DecideAsync(id, ApprovalFixture.Dana, "approve")).EnsureSuccessStatusCode();
        host.Platform.Failures.Enqueue(new(504));
        await host.DrainMovingClockAsync();

        Assert.Equal(2, host.Platform.CallsOf("PUT").Count);
        Assert.Equal(OutboxStatus.Done, (await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == ChatOutbox.UpdateKind))).Status);
    }

    [Fact]
    public async Task A_long_retry_after_is_honoured_by_the_outbox_instead_of_holding_the_handler()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        host.Platform.Failures.Enqueue(new(429, "120"));
        var before = host.App.Clock.GetUtcNow();
        await host.DrainAsync();
        Assert.Single(host.Platform.CallsOf("POST"));
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
        var waiting = await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == ChatOutbox.PostKind));
        Assert.Equal(before + TimeSpan.FromSeconds(120), waiting.NextAttemptAt);

        host.App.Clock.Advance(TimeSpan.FromSeconds(119));
        await host.DrainAsync();
        Assert.Single(host.Platform.CallsOf("POST"));
        host.App.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.DrainAsync();
        Assert.Equal(1, await host.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
    }

    [Fact]
    public async Task A_refused_bot_token_is_replaced_once_and_the_call_repeated()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        host.Platform.Failures.Enqueue(new(401));
        await host.DrainAsync();

        var posts = host.Platform.CallsOf("POST");
        Assert.Equal(["Bearer bot-token-1", "Bearer bot-token-2"], posts.Select(p => p.Authorization));
        Assert.Equal(1, await host.App.WithDbAsync(db => db.ChatPosts.CountAsync()));
    }

    [Fact]
    public async Task The_bot_token_is_cached_and_renewed_shortly_before_it_expires()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.Http.SubmittedInvoiceAsync(6000m);
        await host.DrainAsync();
        Assert.Equal(2, host.Platform.CallsOf("POST").Count);
        Assert.Equal(1, host.Platform.TokenRequests);

        host.App.Clock.Advance(TimeSpan.FromMinutes(54));
        await host.Http.SubmittedInvoiceAsync(7000m);
        await host.DrainAsync();
        Assert.Equal(1, host.Platform.TokenRequests);

        host.App.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.Http.SubmittedInvoiceAsync(8000m);
        await host.DrainAsync();
        Assert.Equal(2, host.Platform.TokenRequests);
        Assert.Equal("Bearer bot-token-2", host.Platform.CallsOf("POST").Last().Authorization);
    }

    [Fact]
    public async Task A_late_step_is_reminded_in_the_cards_thread_mentioning_the_approvers()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        host.App.Clock.Advance(TimeSpan.FromHours(25));
        (await host.Http.PostAsync("/api/jobs/escalations/run", null)).EnsureSuccessStatusCode();
        await host.DrainAsync();

        var reply = Assert.Single(host.Platform.CallsOf("POST", $"/v3/conversations/{TeamsHost.ApprovalChannel};messageid=1/activities/1"));
        Assert.Equal("1", reply.Body["replyToId"].Str());
        var mentioned = reply.Body["entities"]!.AsArray().Select(e => e!["mentioned"]!["id"].Str()).Order();
        Assert.Equal(["aad-dana", "aad-sam"], mentioned);
        Assert.Contains("<at>Dana Approver</at>", reply.Body["text"].Str());
    }

    [Fact]
    public async Task The_digest_goes_to_the_digest_channel()
    {
        (await host.Http.PostAsync("/api/jobs/digest/run", null)).EnsureSuccessStatusCode();
        await host.DrainAsync();
        var post = Assert.Single(host.Platform.CallsOf("POST"));
        Assert.Equal(TeamsHost.DigestChannel, post.Body["channelData"]!["channel"]!["id"].Str());
    }
}

/// <summary>Without Teams:ServiceUrl, proactive posts go to the service URL Teams gave us on installation.</summary>
public sealed class TeamsServiceUrlTests
{
    [Fact]
    public async Task The_service_url_of_the_latest_installation_is_used()
    {
        await using var host = new TeamsHost(app => app.With("Teams:ServiceUrl", ""));
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        Assert.Empty(host.Platform.Calls);

        var added = host.Activity("conversationUpdate", "cu-1");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.BotId });
        (await host.SendAsync(added)).EnsureSuccessStatusCode();
        host.App.Clock.Advance(TimeSpan.FromHours(1));
        await host.DrainAsync();

        Assert.Equal("/v3/conversations", Assert.Single(host.Platform.CallsOf("POST")).Path);
    }
}
