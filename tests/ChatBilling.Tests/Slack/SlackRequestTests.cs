using System.Net;
using System.Text;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>Slack's request URLs: signatures, the URL check, mentions and slash commands.</summary>
public sealed class SlackRequestTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public void Signature_matches_Slacks_documented_example()
    {
        // From api.slack.com/authentication/verifying-requests-from-slack.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        const string expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        Assert.Equal(expected, SlackSignature.Compute("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", Encoding.UTF8.GetBytes(body)));
        var at = DateTimeOffset.FromUnixTimeSeconds(1531420618 + 60);
        Assert.True(SlackSignature.IsValid("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", expected, Encoding.UTF8.GetBytes(body), at, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", expected, Encoding.UTF8.GetBytes(body + "x"), at, TimeSpan.FromMinutes(5)));
    }

    public static TheoryData<string> BadSignatures =>
        ["wrong secret", "missing signature", "missing timestamp", "six minutes old", "six minutes ahead", "body changed after signing"];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Unsigned_or_stale_requests_are_refused_with_401_and_change_nothing(string problem)
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        var callsBefore = slack.Slack.Calls.Count;
        var outboxBefore = (await slack.OutboxAsync()).Count;
        var now = slack.App.Clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = Form(("payload", $$"""{"type":"block_actions","trigger_id":"t-bad","user":{"id":"{{DanaUser}}"},"channel":{"id":"{{ApprovalChannel}}"},"actions":[{"action_id":"approve","value":{{System.Text.Json.JsonSerializer.Serialize(value)}}}]}"""));

        var response = problem switch
        {
            "wrong secret" => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded", secret: "not-the-secret"),
            "missing signature" => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded",
                adjust: r => r.Headers.Remove(SlackSignature.SignatureHeader)),
            "missing timestamp" => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded",
                adjust: r => r.Headers.Remove(SlackSignature.TimestampHeader)),
            "six minutes old" => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded", timestamp: now - 360),
            "six minutes ahead" => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded", timestamp: now + 360),
            _ => await slack.PostSignedAsync("/slack/interactions", payload, "application/x-www-form-urlencoded",
                adjust: r => r.Content = new StringContent(payload.Replace("approve", "reject"), Encoding.UTF8, "application/x-www-form-urlencoded")),
        };
        await slack.DrainAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Equal(outboxBefore, (await slack.OutboxAsync()).Count);
        Assert.Equal(callsBefore, slack.Slack.Calls.Count);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_checked_or_read_further()
    {
        var response = await slack.PostSignedAsync("/slack/events", new string('x', ChatBilling.Slack.Inbound.SlackSignatureFilter.MaxBodyBytes + 1), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_request_signed_four_minutes_ago_is_still_accepted()
    {
        var response = await slack.PostSignedAsync("/slack/events", """{"type":"url_verification","challenge":"c-4min"}""", "application/json",
            timestamp: slack.App.Clock.GetUtcNow().ToUnixTimeSeconds() - 240);

        Assert.Equal("c-4min", (await response.ReadAsync(HttpStatusCode.OK))["challenge"].Str());
    }

    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge()
    {
        var response = await slack.PostEventAsync(new { token = "legacy", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" });

        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (await response.ReadAsync(HttpStatusCode.OK))["challenge"].Str());
    }

    [Fact]
    public async Task A_mention_is_answered_once_in_its_thread_despite_Slack_retrying_the_event()
    {
        var mention = new
        {
            type = "event_callback", event_id = "Ev0MENTION1", event_time = 1763802000, team_id = "T0",
            @event = new { type = "app_mention", user = DanaUser, text = "<@U0BOT> what's pending?", ts = "1763802000.000200", channel = ApprovalChannel },
        };
        (await slack.PostEventAsync(mention)).EnsureSuccessStatusCode();
        var retry = await slack.PostEventAsync(mention, r =>
        {
            r.Headers.Add("X-Slack-Retry-Num", "1");
            r.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await slack.DrainAsync();
        (await slack.PostEventAsync(mention)).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        var answer = Assert.Single(slack.Slack.Of("chat.postMessage"));
        Assert.Equal(ApprovalChannel, answer.Args["channel"].Str());
        Assert.Equal("1763802000.000200", answer.Args["thread_ts"].Str());
        Assert.Equal("Waiting for approval: 0", answer.Args["text"].Str());
    }

    [Fact]
    public async Task Messages_from_bots_are_not_answered()
    {
        (await slack.PostEventAsync(new
        {
            type = "event_callback", event_id = "Ev0BOT",
            @event = new { type = "app_mention", bot_id = "B0OTHER", text = "<@U0BOT> pending", ts = "1763802000.000400", channel = ApprovalChannel },
        })).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Empty(slack.Slack.Of("chat.postMessage"));
    }

    [Fact]
    public async Task A_mention_inside_a_thread_is_answered_in_that_thread()
    {
        (await slack.PostEventAsync(new
        {
            type = "event_callback", event_id = "Ev0MENTION2",
            @event = new { type = "app_mention", user = SamUser, text = "<@U0BOT> help", ts = "1763802000.000900", thread_ts = "1763802000.000300", channel = ApprovalChannel },
        })).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        var answer = Assert.Single(slack.Slack.Of("chat.postMessage"));
        Assert.Equal("1763802000.000300", answer.Args["thread_ts"].Str());
        Assert.Contains("overdue", answer.Args["blocks"]!.ToJsonString());
    }

    [Theory]
    [InlineData("pending", "ephemeral")]
    [InlineData("pending public", "in_channel")]
    [InlineData("overdue here", "in_channel")]
    [InlineData("help", "ephemeral")]
    public async Task Commands_answer_only_the_asker_unless_asked_to_share(string text, string responseType)
    {
        var answer = await (await slack.CommandAsync(text)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(responseType, answer["response_type"].Str());
        Assert.NotNull(answer["blocks"]);
        Assert.False(string.IsNullOrWhiteSpace(answer["text"].Str()));
    }

    [Fact]
    public async Task Command_status_answers_about_one_invoice_and_help_explains_sharing()
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        var number = (await (await slack.Http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["number"].Str();

        var status = await (await slack.CommandAsync($"status {number}")).ReadAsync(HttpStatusCode.OK);
        var help = await (await slack.CommandAsync("help")).ReadAsync(HttpStatusCode.OK);

        Assert.Equal($"Invoice {number}: Waiting for approval", status["text"].Str());
        Assert.Contains("/billing overdue public", help["blocks"]!.ToJsonString());
        Assert.Contains("/billing status INV-2026-0001", help["blocks"]!.ToJsonString());
    }
}
