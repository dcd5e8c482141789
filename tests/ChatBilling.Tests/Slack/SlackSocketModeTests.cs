using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Slack.SocketMode;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// Slack without a public URL: the host opens Socket Mode to the fake's loopback end with the app-level token and has
/// no signing secret, so the /slack/* request URLs do not exist; envelopes go through the same handlers.
/// </summary>
public sealed class SlackSocketModeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SlackHarness slack = new(socketMode: true, requestUrls: false);

    private FakeSocketMode Socket => slack.Slack.SocketMode;

    public async Task InitializeAsync()
    {
        await slack.InitializeAsync();
        await Socket.WaitForConnectionAsync();
    }

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task The_host_connects_with_the_app_token_and_serves_no_request_urls()
    {
        Assert.Single(slack.Slack.Of("apps.connections.open"));
        Assert.Equal(HttpStatusCode.NotFound, (await slack.Http.PostAsync("/slack/events", Rest.Json("{}"))).StatusCode);
        Assert.Equal(1, slack.App.Services.GetRequiredService<SlackSocketMode>().OpenConnections);
    }

    [Fact]
    public async Task A_mention_envelope_is_acknowledged_and_answered_in_its_thread()
    {
        var envelope = await Socket.SendAsync("events_api", Json(Mention("Ev0SOCKET1", "<@U0BOT> pending Smith &amp; Jones", ts: "1763802000.000800")));

        var ack = await Socket.AckAsync(envelope);
        await slack.DrainAsync();

        Assert.Null(ack["payload"]);
        var answer = Assert.Single(slack.Slack.Of("chat.postMessage"));
        Assert.Equal((ApprovalChannel, "1763802000.000800"), (answer.Args["channel"].Str(), answer.Args["thread_ts"].Str()));
        // Decoded as typed ("&amp;" is "&"); no client has that name, and the answer says so.
        Assert.StartsWith("I know no client called \"Smith Jones\"", answer.Args["text"].Str());
    }

    [Fact]
    public async Task A_click_envelope_approves_through_the_same_handler()
    {
        var (id, value) = await slack.PostedInvoiceAsync();

        var envelope = await Socket.SendAsync("interactive", Json(new
        {
            type = "block_actions", trigger_id = "t-socket-1", user = new { id = DanaUser },
            channel = new { id = ApprovalChannel }, actions = new[] { new { action_id = "approve", type = "button", value } },
        }));
        await Socket.AckAsync(envelope);
        await slack.DrainAsync();

        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        Assert.EndsWith("approved.", Assert.Single(slack.Slack.Of("chat.postEphemeral")).Args["text"].Str());
    }

    [Fact]
    public async Task A_command_envelope_is_answered_in_its_acknowledgement()
    {
        var envelope = await Socket.SendAsync("slash_commands", Json(new
        {
            command = "/billing", text = "status INV-1999-9999 public", user_id = DanaUser, channel_id = ApprovalChannel, trigger_id = "t-cmd",
        }));

        var ack = await Socket.AckAsync(envelope);

        Assert.Equal("in_channel", ack["payload"]!["response_type"].Str());
        Assert.StartsWith("There is no invoice INV-1999-9999.", ack["payload"]!["text"].Str());
    }

    [Fact]
    public async Task A_modal_submission_without_a_reason_gets_its_errors_in_the_acknowledgement()
    {
        var envelope = await Socket.SendAsync("interactive", Json(new
        {
            type = "view_submission", user = new { id = SamUser },
            view = new { id = "V0SOCKET", callback_id = "reject_reason", private_metadata = "{}", state = new { values = new { reason = new { reason = new { type = "plain_text_input", value = " " } } } } },
        }));

        var ack = await Socket.AckAsync(envelope);

        Assert.Equal("errors", ack["payload"]!["response_action"].Str());
        Assert.Equal("A rejection needs a reason.", ack["payload"]!["errors"]!["reason"].Str());
    }

    [Fact]
    public async Task Through_a_refresh_and_a_dropped_socket_every_envelope_is_acknowledged_and_handled_once()
    {
        const int total = 60;
        var ids = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            if (i == 20) await Socket.RefreshAsync();
            if (i == 40) Socket.Drop();
            if (i % 20 == 0) output.WriteLine($"{i}: {clock.ElapsedMilliseconds} ms");
            ids.Add(await Socket.SendAsync("events_api", Json(Mention($"Ev0STREAM{i:D3}", "<@U0BOT> help", channel: $"C0S{i:D3}", ts: $"1763802100.{i:D6}"))));
        }
        output.WriteLine($"sent: {clock.ElapsedMilliseconds} ms");
        foreach (var id in ids) await Socket.AckAsync(id);
        clock.Stop();
        await slack.DrainAsync();

        var answered = slack.Slack.Of("chat.postMessage").Select(c => c.Args["channel"].Str()).ToList();
        Assert.Equal(total, answered.Count);
        Assert.Equal(total, answered.Distinct().Count());
        Assert.Equal(0, Socket.Unacknowledged);
        Assert.Equal(3, Socket.Connections);
        Assert.True(Socket.MostOpenAtOnce <= 2, $"{Socket.MostOpenAtOnce} connections were open at once");
        var times = Socket.ReconnectTimes.ToArray();
        Assert.Equal(2, times.Length);
        Assert.True(times.All(t => t < TimeSpan.FromSeconds(5)), string.Join(", ", times));
        await EventuallyAsync(() => Task.FromResult(slack.App.Services.GetRequiredService<SlackSocketMode>().OpenConnections == 1));
        var acks = Socket.AckTimes.OrderBy(t => t).ToArray();
        output.WriteLine($"ack after first delivery: median {acks[acks.Length / 2].TotalMilliseconds:0} ms, max {acks[^1].TotalMilliseconds:0} ms");
        output.WriteLine($"refresh_requested: reconnected in {times[0].TotalMilliseconds:0} ms; dropped socket: reconnected in {times[1].TotalMilliseconds:0} ms; " +
            $"{total} envelopes, {Socket.Deliveries.Values.Sum() - total} redelivered, 0 lost, all acknowledged in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task When_connecting_fails_the_host_backs_off_and_keeps_trying()
    {
        slack.Slack.FailNext("apps.connections.open", "internal_error");
        slack.Slack.FailNext("apps.connections.open", "internal_error");

        var client = slack.App.Services.GetRequiredService<SlackSocketMode>();

        Socket.Drop();
        // The first attempt goes at once and fails; the next waits 1–1.25 s, the one after 2–2.5 s, on the host's clock.
        await EventuallyAsync(() => Task.FromResult(client.ConsecutiveFailures == 1));
        Assert.Equal(2, slack.Slack.Of("apps.connections.open").Count);
        slack.App.Clock.Advance(TimeSpan.FromSeconds(1.3));
        await EventuallyAsync(() => Task.FromResult(client.ConsecutiveFailures == 2));
        Assert.Equal((3, 1), (slack.Slack.Of("apps.connections.open").Count, Socket.Connections));
        slack.App.Clock.Advance(TimeSpan.FromSeconds(2.6));
        await Socket.WaitForConnectionAsync(2);

        Assert.Equal(4, slack.Slack.Of("apps.connections.open").Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 60)]
    public void Backoff_grows_from_nothing_to_a_minute(int failures, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), SlackSocketMode.Backoff(failures, jitter: 0));
        Assert.True(SlackSocketMode.Backoff(failures, jitter: 1) <= TimeSpan.FromSeconds(seconds * 1.25));
    }

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();
}
