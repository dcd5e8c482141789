using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;

namespace ChatBilling.Tests.Conversations;

/// <summary>The same questions through each channel's real pipeline: the console API, a signed Slack command and mention, a Teams activity.</summary>
public sealed class ChannelAskTests
{
    [Fact]
    public async Task Console_asks_as_the_signed_in_approver_and_shows_the_reason_a_question_failed()
    {
        using var app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");
        var api = app.Http();
        await api.SubmittedInvoiceAsync(40000);
        await api.SubmittedInvoiceAsync(5000);
        var dana = app.Http();
        (await dana.SendAsync(Post("/console/api/sign-in", new { email = ApprovalFixture.Dana }))).EnsureSuccessStatusCode();

        var mine = await (await dana.SendAsync(Post("/console/api/ask", new { text = "what do I need to approve?" }))).ReadAsync(HttpStatusCode.OK);
        var failed = await (await dana.SendAsync(Post("/console/api/ask", new { text = "pending 10k" }))).ReadAsync(HttpStatusCode.OK);

        // Dana may approve up to 30,000: only the 5,000 invoice waits for her.
        Assert.StartsWith("Waiting for your approval: 1 invoice", mine["text"].Str());
        Assert.Contains("/console#/invoices?status=mine", mine["consoleUrl"].Str());
        Assert.Equal("I did not understand \"10k\".", failed["reason"].Str());
        Assert.Contains("pending over 10k", failed["suggestions"]!.AsArray().Select(s => s.Str()));
        Assert.Contains("I did not understand", failed["card"]!.ToJsonString());
    }

    private static HttpRequestMessage Post(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    [Fact]
    public async Task Slack_commands_and_mentions_read_filters_from_Slack_encoded_text()
    {
        var slack = new SlackHarness();
        await slack.InitializeAsync();
        try
        {
            await slack.Http.SubmittedInvoiceAsync(26000);

            // Slack escapes "<" as "&lt;" in command text and events (api.slack.com/reference/surfaces/formatting#escaping).
            var under = await (await slack.CommandAsync("pending &lt; 10k")).ReadAsync(HttpStatusCode.OK);
            var mine = await (await slack.CommandAsync("my approvals", SlackHarness.FinUser)).ReadAsync(HttpStatusCode.OK);
            var unknown = await (await slack.CommandAsync("pending ovr 10k")).ReadAsync(HttpStatusCode.OK);

            Assert.Equal("Waiting for approval, under 10,000: 0", under["text"].Str());
            Assert.Contains("Waiting for your approval: 0", mine["text"].Str());
            Assert.Contains("pending over 10k", unknown["blocks"]!.ToJsonString());
            Assert.Contains("/billing overdue public", unknown["blocks"]!.ToJsonString());

            var mention = new
            {
                type = "event_callback", event_id = "Ev0ASK", event_time = 1763802000, team_id = "T0",
                @event = new { type = "app_mention", user = SlackHarness.DanaUser, text = "<@U0BOT> show pending over 10k", ts = "1763802000.000300", channel = "C0FINANCE" },
            };
            // Asked in another channel than the approval cards', so Slack's per-channel pacing has nothing to wait for.
            (await slack.PostEventAsync(mention)).EnsureSuccessStatusCode();
            await slack.DrainAsync();
            var answer = slack.Slack.Of("chat.postMessage").Single(c => c.Args["channel"].Str() == "C0FINANCE");
            Assert.Equal("Waiting for approval, over 10,000: 1", answer.Args["text"].Str());
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }

    [Fact]
    public async Task Teams_reads_the_question_after_the_mention_and_knows_the_asker_by_AAD_object()
    {
        await using var host = new TeamsHost();
        await host.Http.SubmittedInvoiceAsync(26000);

        (await host.SendAsync(host.Message("q-1", "<at>Billing</at>&nbsp;show pending over 10k"))).EnsureSuccessStatusCode();
        var sam = host.Activity("message", "q-2", "aad-sam");
        sam["text"] = "what's waiting for me?";
        sam["locale"] = "de-DE";
        (await host.SendAsync(sam)).EnsureSuccessStatusCode();

        var replies = host.Platform.CallsOf("POST").ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Waiting for approval, over 10,000: 1 invoice", replies[0].Body["text"].Str());
        // Sam may decide step 1 with no limit; the amount reads the German way.
        Assert.StartsWith("Waiting for your approval: 1 invoice, total 26.000,00", replies[1].Body["text"].Str());
    }
}
