using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>A reject modal that cannot open or is submitted too late, and approvers found by their email.</summary>
public sealed class SlackRejectAndPeopleTests : IAsyncLifetime
{
    private const string SamBySlack = "U0SAMBYMAIL";

    // Sam has no slackUserId: Slack knows Sam by email.
    private readonly SlackHarness slack = new(configure: app => app.With("Approvals:Approvers:1:SlackUserId", ""));

    public async Task InitializeAsync()
    {
        await slack.InitializeAsync();
        slack.Slack.Directory[ApprovalFixture.Sam] = SamBySlack;
    }

    public Task DisposeAsync() => slack.DisposeAsync();

    [Theory]
    [InlineData("expired_trigger_id", "too old")]
    [InlineData("ratelimited", "did not open it")]
    public async Task When_the_reject_modal_cannot_open_the_clicker_is_told_how_to_retry(string error, string why)
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        slack.Slack.FailNext("views.open", error);

        (await slack.ClickAsync(DanaUser, "reject", value, "t-expired")).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync("views.open");
        await EventuallyAsync(async () => (await slack.OutboxAsync()).Any(m => m.Kind == "slack.ephemeral"));
        await slack.DrainAsync();

        var told = Assert.Single(slack.Slack.Of("chat.postEphemeral")).Args;
        Assert.Equal((DanaUser, ApprovalChannel), (told["user"].Str(), told["channel"].Str()));
        Assert.Contains(why, told["text"].Str());
        Assert.Contains("click *Reject…* on the card again", told["text"].Str());
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
    }

    [Fact]
    public async Task When_views_open_is_throttled_the_clicker_hears_that_Slack_is_busy()
    {
        var (_, value) = await slack.PostedInvoiceAsync();
        slack.Slack.ThrottleNext("views.open", 10);

        (await slack.ClickAsync(DanaUser, "reject", value, "t-busy")).EnsureSuccessStatusCode();
        await EventuallyAsync(async () => (await slack.OutboxAsync()).Any(m => m.Kind == "slack.ephemeral"));
        await slack.DrainAsync();

        Assert.Contains("Slack is busy", Assert.Single(slack.Slack.Of("chat.postEphemeral")).Args["text"].Str());
    }

    [Fact]
    public async Task A_reason_submitted_after_someone_else_decided_is_refused_in_the_modal()
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        (await slack.ClickAsync(DanaUser, "reject", value, "t-late")).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync("views.open");
        (await slack.Http.DecideAsync(id, ApprovalFixture.Sam, "approve")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        var answer = await (await slack.SubmitReasonAsync(DanaUser, "V0LATE", "Wrong rate")).ReadAsync(HttpStatusCode.OK);
        await slack.DrainAsync();

        Assert.Equal("errors", answer["response_action"].Str());
        Assert.Contains("no longer waiting for approval", answer["errors"]!["reason"].Str());
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        Assert.DoesNotContain(await slack.Http.HistoryAsync(id), h => h!["action"].Str() == "rejected");
    }

    [Fact]
    public async Task An_approver_without_slackUserId_is_found_by_email_once_and_remembered()
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        var (other, otherValue) = await SecondCardAsync();

        (await slack.ClickAsync(SamBySlack, "approve", value, "t-mail-1")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        (await slack.ClickAsync(SamBySlack, "approve", otherValue, "t-mail-2")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        Assert.Equal("Sent", await slack.Http.StatusAsync(other));
        var approved = (await slack.Http.HistoryAsync(id)).Last(h => h!["action"].Str() == "approved")!;
        Assert.Equal(ApprovalFixture.Sam, approved["actor"].Str());
        Assert.Equal(ApprovalFixture.Sam, Assert.Single(slack.Slack.Of("users.lookupByEmail")).Args["email"].Str());
    }

    [Fact]
    public async Task A_Slack_user_matching_no_approver_email_is_still_told_they_are_not_linked()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        (await slack.ClickAsync(Stranger, "approve", value, "t-nobody")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Contains("not linked to an approver", Assert.Single(slack.Slack.Of("chat.postEphemeral")).Args["text"].Str());
    }

    [Fact]
    public async Task Reminders_mention_an_approver_found_by_email()
    {
        await slack.PostedInvoiceAsync();
        slack.App.Clock.Advance(TimeSpan.FromHours(25));
        await slack.RunAsync("escalations");
        await slack.DrainAsync();

        var reminder = Assert.Single(slack.Slack.Of("chat.postMessage"), p => p.Args["thread_ts"] is not null);
        Assert.StartsWith($"<@{DanaUser}> <@{SamBySlack}> ", reminder.Args["text"].Str());
    }

    private async Task<(string Id, string Value)> SecondCardAsync()
    {
        slack.App.Clock.Advance(TimeSpan.FromSeconds(2));
        return await slack.PostedInvoiceAsync(6000m);
    }
}
