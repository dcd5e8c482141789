using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Setup;

/// <summary>The setup self-check against the real SMTP server and the Slack and Teams fakes, passing and failing.</summary>
public sealed class SetupCheckTests
{
    private static async Task<Dictionary<string, (string Outcome, string Message)>> CheckAsync(HttpClient http)
    {
        var results = await (await http.GetAsync("/api/setup/check")).ReadArrayAsync();
        return results.ToDictionary(r => r!["name"].Str(), r => (r!["outcome"].Str(), r["message"].Str()));
    }

    [Fact]
    public async Task Configured_services_pass_and_the_seller_and_address_say_what_to_set()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var slack = new SlackHarness(configure: app =>
            app.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:UseTls", "false"));
        await slack.InitializeAsync();
        try
        {
            slack.Slack.Channels[SlackHarness.ApprovalChannel] = true;
            slack.Slack.Channels[SlackHarness.DigestChannel] = true;
            var checks = await CheckAsync(slack.Http);

            Assert.Equal("Passed", checks["Database"].Outcome);
            Assert.Equal(("Passed", $"127.0.0.1:{smtp.Port} accepts connections."), checks["SMTP"]);
            Assert.Equal("Passed", checks["Slack"].Outcome);
            Assert.Contains($"in {SlackHarness.ApprovalChannel}", checks["Slack"].Message);
            Assert.Equal("Failed", checks["Seller"].Outcome);
            Assert.Contains("Seller:Name", checks["Seller"].Message);
            Assert.Equal("Failed", checks["Public address"].Outcome);
            Assert.Contains("PublicBaseUrl is empty", checks["Public address"].Message);
            Assert.Empty(smtp.Received());
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bot_outside_its_channel_a_dead_mail_server_and_an_http_address_fail_naming_the_setting()
    {
        var deadPort = SmtpSink.UnusedPort();
        var slack = new SlackHarness(configure: app =>
            app.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", deadPort.ToString()).With("Smtp:UseTls", "false"));
        await slack.InitializeAsync();
        try
        {
            slack.Slack.Channels[SlackHarness.ApprovalChannel] = false;
            var checks = await CheckAsync(slack.Http);

            Assert.Equal("Failed", checks["SMTP"].Outcome);
            Assert.Contains("check Smtp:Host, Smtp:Port and Smtp:UseTls", checks["SMTP"].Message);
            Assert.Equal("Failed", checks["Slack"].Outcome);
            Assert.Contains($"The bot is not in {SlackHarness.ApprovalChannel} (Slack:ApprovalChannel)", checks["Slack"].Message);
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_public_address_over_http_fails_though_it_answers()
    {
        // The host's own loopback address: it answers /healthz, but over http. The port is only known once the host
        // listens, so the setting is read at check time from the running host's configuration.
        using var app = new BillingApp();
        var http = app.Http();
        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["PublicBaseUrl"] = http.BaseAddress!.ToString();
        var checks = await CheckAsync(http);
        Assert.Equal("Failed", checks["Public address"].Outcome);
        Assert.Contains("/healthz answers, but over http", checks["Public address"].Message);
    }

    [Fact]
    public async Task A_refused_slack_token_fails_naming_the_setting()
    {
        var slack = new SlackHarness();
        await slack.InitializeAsync();
        try
        {
            slack.Slack.FailNext("auth.test", "invalid_auth");
            var checks = await CheckAsync(slack.Http);
            Assert.Equal("Failed", checks["Slack"].Outcome);
            Assert.Contains("invalid_auth", checks["Slack"].Message);
            Assert.Contains("Slack:BotToken", checks["Slack"].Message);
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }

    [Fact]
    public async Task Teams_passes_with_a_token_and_fails_when_the_token_endpoint_refuses()
    {
        await using (var teams = new TeamsHost())
        {
            var checks = await CheckAsync(teams.Http);
            Assert.Equal("Passed", checks["Teams"].Outcome);
            Assert.Equal(1, teams.Platform.TokenRequests);
            Assert.Equal("Skipped", checks["SMTP"].Outcome);
        }
        await using (var refused = new TeamsHost(app => app.With("Teams:AppPassword", "wrong-secret")))
        {
            var checks = await CheckAsync(refused.Http);
            Assert.Equal("Failed", checks["Teams"].Outcome);
            Assert.Contains("Teams:AppPassword", checks["Teams"].Message);
        }
    }
}
