using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>What a real workspace sends through the signed request URLs: certificate checks, escaped text, edits, notices.</summary>
public sealed class SlackWorkspaceTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private readonly SlackHarness slack;

    public SlackWorkspaceTests() =>
        slack = new SlackHarness(configure: app => app.WithServices(s => s.AddSingleton<ILoggerProvider>(logs)));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task An_ssl_check_is_answered_200_without_acting()
    {
        var response = await slack.PostSignedAsync("/slack/commands", Form(("ssl_check", "1"), ("token", "legacy-token")), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(await slack.OutboxAsync());
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task An_unsigned_ssl_check_is_still_refused()
    {
        var response = await slack.PostSignedAsync("/slack/commands", Form(("ssl_check", "1")), "application/x-www-form-urlencoded", secret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Escaped_and_auto_linked_client_names_filter_as_typed()
    {
        await OverdueInvoiceForAsync("Smith & Jones Ltd");
        await OverdueInvoiceForAsync("Shop.io");
        await OverdueInvoiceForAsync("Acme GmbH");
        slack.App.Clock.Advance(TimeSpan.FromDays(40));

        var smith = await (await slack.CommandAsync("overdue Smith &amp; Jones")).ReadAsync(HttpStatusCode.OK);
        var shop = await (await slack.CommandAsync("overdue <http://Shop.io|Shop.io>")).ReadAsync(HttpStatusCode.OK);
        (await slack.PostEventAsync(Mention("Ev0DECODE", "<@U0BOT> overdue Smith &amp; Jones", channel: "C0ASK"))).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        // The fallback text is mrkdwn, so the client's "&" arrives escaped as Slack asks; one invoice means the filter held.
        Assert.Equal("Overdue for Smith &amp; Jones Ltd: 1", smith["text"].Str());
        Assert.Contains("Smith & Jones Ltd", TextOf(smith["blocks"]), StringComparison.Ordinal);
        Assert.Equal("Overdue for Shop.io: 1", shop["text"].Str());
        Assert.Contains("Shop.io", TextOf(shop["blocks"]), StringComparison.Ordinal);
        var answer = Assert.Single(slack.Slack.Of("chat.postMessage"), c => c.Args["channel"].Str() == "C0ASK");
        Assert.Equal("Overdue for Smith &amp; Jones Ltd: 1", answer.Args["text"].Str());
    }

    [Theory]
    [InlineData("status INV-1999-9999", "There is no invoice INV-1999-9999.")]
    [InlineData("what is the weather", "I did not understand \"what is the weather\".")]
    public async Task A_question_that_cannot_be_answered_says_why_before_the_help(string question, string reason)
    {
        var command = await (await slack.CommandAsync(question)).ReadAsync(HttpStatusCode.OK);
        (await slack.PostEventAsync(Mention("Ev0WHY", $"<@U0BOT> {question}", channel: "C0WHY"))).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        var mention = Assert.Single(slack.Slack.Of("chat.postMessage")).Args;

        foreach (var answer in new[] { command, mention })
        {
            var escaped = reason.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            Assert.StartsWith(escaped, answer["text"].Str(), StringComparison.Ordinal);
            Assert.Equal("section", answer["blocks"]![1]!["type"].Str());
            Assert.StartsWith(escaped, answer["blocks"]![1]!["text"]!["text"].Str(), StringComparison.Ordinal);
            Assert.Contains("overdue", TextOf(answer["blocks"]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_edited_mention_is_not_answered_again()
    {
        (await slack.PostEventAsync(Mention("Ev0FIRST", "<@U0BOT> pending", ts: "1763802000.000700"))).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        (await slack.PostEventAsync(new
        {
            type = "event_callback", event_id = "Ev0EDITED",
            @event = new
            {
                type = "app_mention", user = DanaUser, text = "<@U0BOT> pending please", ts = "1763802000.000700", channel = ApprovalChannel,
                edited = new { user = DanaUser, ts = "1763802060.000000" },
            },
        })).EnsureSuccessStatusCode();
        (await slack.PostEventAsync(new
        {
            type = "event_callback", event_id = "Ev0CHANGED",
            @event = new
            {
                type = "message", subtype = "message_changed", channel = ApprovalChannel, ts = "1763802060.000001",
                message = new { type = "message", user = DanaUser, text = "<@U0BOT> pending please", ts = "1763802000.000700" },
            },
        })).EnsureSuccessStatusCode();
        slack.App.Clock.Advance(TimeSpan.FromSeconds(2));
        await slack.DrainAsync();

        Assert.Single(slack.Slack.Of("chat.postMessage"));
    }

    [Fact]
    public async Task A_signed_but_malformed_mention_is_answered_200_so_Slack_does_not_retry_it()
    {
        var response = await slack.PostEventAsync(new { type = "event_callback", event_id = "Ev0BROKEN", @event = new { type = "app_mention", text = "<@U0BOT> pending" } });
        await slack.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await slack.OutboxAsync());
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task App_rate_limited_is_logged_as_a_warning_with_its_minute()
    {
        var response = await slack.PostEventAsync(new
        {
            token = "legacy", type = "app_rate_limited", team_id = "T0TEST", minute_rate_limited = 1763802000L, api_app_id = "A0TEST",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(logs.Lines, l => l.Message.Contains("rate-limited event delivery"));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("2025-11-22 09:00:00Z", line.Message);
    }

    /// <summary>A sent invoice for a client of that name, due 2026-12-22; its card is posted and approved through the API.</summary>
    private async Task OverdueInvoiceForAsync(string clientName)
    {
        var clientId = (await slack.Http.CreateClientAsync(name: clientName))["id"].Str();
        var id = (await slack.Http.CreateInvoiceAsync(Rest.Invoice(clientId, 5000m)))["id"].Str();
        (await slack.Http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        (await slack.Http.DecideAsync(id, ApprovalFixture.Dana, "approve")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        // Posts into the approval channel are paced a second apart on the fake clock.
        slack.App.Clock.Advance(TimeSpan.FromSeconds(2));
    }
}
