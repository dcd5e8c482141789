using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>Deciding from the approval card in Slack: Approve, Reject with a reason, and clicks that change nothing.</summary>
public sealed class SlackApprovalTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task The_card_is_posted_into_the_approval_channel_with_buttons_and_a_text_fallback()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        var post = Assert.Single(slack.Slack.Of("chat.postMessage"));
        Assert.Equal(ApprovalChannel, post.Args["channel"].Str());
        Assert.Contains("needs your approval", post.Args["text"].Str());
        Assert.Contains(id, value);
    }

    [Fact]
    public async Task Approve_click_is_acknowledged_at_once_then_approves_and_replaces_the_buttons()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        var ack = await slack.ClickAsync(DanaUser, "approve", value, "t-approve-1");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id)); // acknowledged before deciding
        await slack.DrainAsync();

        // Approved, and the same drain emailed it to the client.
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        var history = await slack.Http.HistoryAsync(id);
        var approved = history.Last(h => h!["action"].Str() == "approved")!;
        Assert.Equal((ApprovalFixture.Dana, "slack"), (approved["actor"].Str(), approved["channel"].Str()));
        var update = Assert.Single(slack.Slack.Of("chat.update"));
        // The fake numbers its answers: the card's chat.postMessage was the first call, so its ts ends in 000001.
        Assert.Equal((ApprovalChannel, "1763802000.000001"), (update.Args["channel"].Str(), update.Args["ts"].Str()));
        Assert.DoesNotContain("\"actions\"", update.Args["blocks"]!.ToJsonString());
        Assert.Contains("Approved by Dana Approver", update.Args["text"].Str());
        var reply = Assert.Single(slack.Slack.Of("chat.postEphemeral"));
        Assert.Equal((ApprovalChannel, DanaUser), (reply.Args["channel"].Str(), reply.Args["user"].Str()));
        Assert.EndsWith("approved.", reply.Args["text"].Str());
    }

    [Fact]
    public async Task In_production_a_click_is_carried_out_without_waiting_for_the_scheduled_drain()
    {
        var production = new SlackHarness(backgroundDrains: true);
        await production.InitializeAsync();
        try
        {
            var (id, value) = await production.PostedInvoiceAsync();

            (await production.ClickAsync(DanaUser, "approve", value, "t-background-1")).EnsureSuccessStatusCode();

            // Nobody runs the sends job: the click's own drain decides, then updates the card and answers the clicker.
            await EventuallyAsync(async () => production.Slack.Of("chat.update").Count == 1 && production.Slack.Of("chat.postEphemeral").Count == 1);
            Assert.NotEqual("PendingApproval", await production.Http.StatusAsync(id));
        }
        finally
        {
            await production.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reject_opens_a_modal_and_its_submission_rejects_with_the_reason()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        (await slack.ClickAsync(SamUser, "reject", value, "t-reject-1")).EnsureSuccessStatusCode();
        var opened = await slack.WaitForCallAsync("views.open");
        Assert.Equal("t-reject-1", opened.Args["trigger_id"].Str());
        Assert.StartsWith("INV-2026-0001 · ", opened.Args["view"]!["blocks"]![0]!["text"]!["text"].Str());
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));

        var empty = await (await slack.SubmitReasonAsync(SamUser, "V0REJECT1", "   ")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("errors", empty["response_action"].Str());
        Assert.Equal("A rejection needs a reason.", empty["errors"]!["reason"].Str());
        var tooLong = await (await slack.SubmitReasonAsync(SamUser, "V0REJECT1", new string('x', 1001))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("errors", tooLong["response_action"].Str());
        await slack.DrainAsync();
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));

        var done = await slack.SubmitReasonAsync(SamUser, "V0REJECT1", "Wrong hourly rate <b>");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("", await done.Content.ReadAsStringAsync()); // an empty 200 closes the modal
        await slack.DrainAsync();

        Assert.Equal("Rejected", await slack.Http.StatusAsync(id));
        var rejected = (await slack.Http.HistoryAsync(id)).Last(h => h!["action"].Str() == "rejected")!;
        Assert.Contains("Wrong hourly rate <b>", rejected["detail"].Str());
        Assert.Contains("Wrong hourly rate &lt;b&gt;", Assert.Single(slack.Slack.Of("chat.update")).Args["text"].Str());
    }

    [Fact]
    public async Task A_click_from_a_Slack_user_who_is_not_an_approver_changes_nothing_and_is_told_why()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        (await slack.ClickAsync(Stranger, "approve", value, "t-stranger-1")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(Stranger, "reject", value, "t-stranger-2")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Empty(slack.Slack.Of("chat.update"));
        Assert.Empty(slack.Slack.Of("views.open"));
        var replies = slack.Slack.Of("chat.postEphemeral");
        Assert.Equal(2, replies.Count);
        Assert.All(replies, r => Assert.Equal(Stranger, r.Args["user"].Str()));
        Assert.All(replies, r => Assert.Contains("not linked to an approver", r.Args["text"].Str()));
    }

    [Fact]
    public async Task An_approver_without_the_waiting_role_is_told_the_services_reason()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        (await slack.ClickAsync(FinUser, "approve", value, "t-fin-1")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Contains("does not hold the approver role", Assert.Single(slack.Slack.Of("chat.postEphemeral")).Args["text"].Str());
    }

    [Fact]
    public async Task Double_and_stale_clicks_change_nothing_more_and_get_the_services_message()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        (await slack.ClickAsync(DanaUser, "approve", value, "t-double-1")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(DanaUser, "approve", value, "t-double-1")).EnsureSuccessStatusCode(); // the same delivery again
        (await slack.ClickAsync(DanaUser, "approve", value, "t-double-2")).EnsureSuccessStatusCode(); // a second click
        (await slack.ClickAsync(SamUser, "approve", value, "t-stale-1")).EnsureSuccessStatusCode();   // too late
        await slack.DrainAsync();

        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        Assert.Single(await slack.Http.HistoryAsync(id), h => h!["action"].Str() == "approved");
        var replies = slack.Slack.Of("chat.postEphemeral").Select(r => (r.Args["user"].Str(), r.Args["text"].Str())).ToList();
        Assert.Equal(3, replies.Count);
        Assert.Contains(replies, r => r.Item1 == DanaUser && r.Item2.StartsWith("You already approved", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Item1 == SamUser && r.Item2.Contains("already approved by dana@example.com"));
    }
}
