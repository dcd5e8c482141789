using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Trust;

/// <summary>Ask-the-bot answers only known people (approvers and viewers), in every channel; strangers learn nothing.</summary>
public sealed class AskGateTests : IAsyncLifetime
{
    private const string ViewerUser = "U0VIEWER";
    private readonly SlackHarness slack = new();
    private string number = "";

    public async Task InitializeAsync()
    {
        await slack.InitializeAsync();
        number = (await slack.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/invoices/{await slack.Http.SubmittedInvoiceAsync(5000m)}"))!["number"].Str();
    }

    public Task DisposeAsync() => slack.DisposeAsync();

    /// <summary>The refusal names no invoice, client, amount or count, and says whom to ask.</summary>
    private void AssertRefusal(string text)
    {
        Assert.Contains("Ask Fin Manager", text);
        Assert.DoesNotContain(number, text);
        Assert.DoesNotContain("Acme", text);
        Assert.DoesNotContain("5", text);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("pending public")]
    [InlineData("overdue here")]
    [InlineData("help")]
    public async Task A_stranger_on_Slack_gets_a_refusal_only_they_see(string text)
    {
        var answer = await (await slack.CommandAsync(text, Stranger)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("ephemeral", answer["response_type"].Str());
        Assert.Null(answer["blocks"]);
        AssertRefusal(answer["text"].Str());
    }

    [Fact]
    public async Task A_stranger_asking_for_one_invoice_learns_nothing_about_it()
    {
        var known = await (await slack.CommandAsync($"status {number}", Stranger)).ReadAsync(HttpStatusCode.OK);
        var unknown = await (await slack.CommandAsync("status INV-1999-0001", Stranger)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(unknown.ToJsonString(), known.ToJsonString());
    }

    [Fact]
    public async Task A_stranger_mentioning_the_bot_is_answered_privately_and_the_channel_sees_nothing()
    {
        (await slack.PostEventAsync(new
        {
            type = "event_callback", event_id = "Ev0STRANGER",
            @event = new { type = "app_mention", user = Stranger, text = "<@U0BOT> pending", ts = "1763802000.000500", channel = ApprovalChannel },
        })).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        await slack.DrainAsync();

        Assert.DoesNotContain(slack.Slack.Of("chat.postMessage"), c => c.Args["thread_ts"]?.ToString() == "1763802000.000500");
        var note = Assert.Single(slack.Slack.Of("chat.postEphemeral"));
        Assert.Equal(Stranger, note.Args["user"].Str());
        AssertRefusal(note.Args["text"].Str());
    }

    [Fact]
    public async Task A_viewer_may_ask_and_share_but_never_decide()
    {
        await using var viewers = new SlackHarnessWithViewer(ViewerUser);
        await viewers.Harness.InitializeAsync();
        var id = await viewers.Harness.Http.SubmittedInvoiceAsync(5000m);
        var answer = await (await viewers.Harness.CommandAsync("pending public", ViewerUser)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("in_channel", answer["response_type"].Str());
        Assert.Contains("Acme", answer["blocks"]!.ToJsonString());
        var refused = await (await viewers.Harness.Http.DecideAsync(id, "vic@example.com", "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not a configured approver", refused["detail"].Str());
    }

    [Fact]
    public async Task A_stranger_on_Teams_is_told_whom_to_ask_and_nothing_else()
    {
        await using var teams = new TeamsHost();
        await teams.Http.SubmittedInvoiceAsync(5000m);
        var message = teams.Activity("message", "q-stranger", aadObjectId: "aad-stranger");
        message["text"] = "<at>Billing</at> pending";
        (await teams.SendAsync(message)).EnsureSuccessStatusCode();
        await teams.DrainAsync();

        var reply = Assert.Single(teams.Platform.CallsOf("POST"), c => c.Path.EndsWith("/activities/q-stranger"));
        Assert.Null(reply.Body["attachments"]);
        Assert.Contains("Ask Fin Manager", reply.Body["text"].Str());
        Assert.DoesNotContain("Acme", reply.Body.ToJsonString());
    }

    /// <summary>The Slack harness plus one viewer, Vic, linked to a Slack user.</summary>
    private sealed class SlackHarnessWithViewer(string slackUser) : IAsyncDisposable
    {
        public SlackHarness Harness { get; } = new(configure: app => app
            .With("Approvals:Viewers:0:Name", "Vic Viewer").With("Approvals:Viewers:0:Email", "vic@example.com")
            .With("Approvals:Viewers:0:SlackUserId", slackUser));

        public async ValueTask DisposeAsync() => await Harness.DisposeAsync();
    }
}
