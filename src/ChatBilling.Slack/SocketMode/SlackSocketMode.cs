using System.Diagnostics;
using System.Net.WebSockets;
using ChatBilling.Slack.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.SocketMode;

/// <summary>
/// Slack over Socket Mode (<c>Slack:AppToken</c>): no public URL. Asks apps.connections.open (app-level token, Tier 1)
/// for a WebSocket URL, connects, and keeps one live connection: when Slack sends <c>disconnect</c> the replacement is
/// opened first and the old one closed only after the new one said hello and the old one's envelopes were acknowledged
/// (python-slack-sdk slack_sdk/socket_mode/builtin/client.py <c>connect</c>: new session, then <c>old_session.close()</c>),
/// so nothing is dropped in a refresh. A dropped socket is reconnected at once, then with a growing, jittered backoff
/// while connecting fails (bolt-js packages/socket-mode/src/SocketModeClient.ts <c>delayReconnectAttempt</c> waits longer
/// after each consecutive failure). Slack allows an app ten connections at once (docs.slack.dev/apis/events-api/using-socket-mode;
/// slackapi/node-slack-sdk#1654, <c>too_many_websockets</c>); this host uses one, two while replacing, never more than
/// <see cref="MaxConnections"/>.
/// </summary>
public sealed class SlackSocketMode(
    SlackEnvelopes envelopes, IServiceProvider services, IOptions<SlackSettings> settings, TimeProvider time, ILogger<SlackSocketMode> log)
    : BackgroundService
{
    /// <summary>Slack's documented limit of simultaneous Socket Mode connections per app.</summary>
    public const int MaxConnections = 10;

    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private int open;

    /// <summary>Connections open right now (one, two while one is replaced).</summary>
    public int OpenConnections => Volatile.Read(ref open);

    /// <summary>Connection attempts that failed in a row; set once the wait before the next one has begun.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>The wait before connection attempt <paramref name="failures"/> + 1: none after a first drop, then 1 s, 2 s, 4 s… up to a minute, plus up to a quarter more so many hosts do not reconnect in step.</summary>
    public static TimeSpan Backoff(int failures, double jitter) => failures <= 0 ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1))) * (1 + 0.25 * jitter);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        List<Task> retiring = [];
        SocketModeConnection? replaced = null;
        long? lostAt = null;
        var cause = "start";
        while (!stoppingToken.IsCancellationRequested)
        {
            (SocketModeConnection Connection, Task Reading) live;
            try
            {
                live = await ConnectAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var wait = Backoff(failures, Random.Shared.NextDouble());
                log.LogWarning("Could not open a Slack Socket Mode connection (attempt {Attempt}): {Error}. Trying again in {Wait}.", failures, e.Message, wait);
                var delay = Task.Delay(wait, time, stoppingToken);
                ConsecutiveFailures = failures;
                await delay.ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            failures = ConsecutiveFailures = 0;
            if (lostAt is { } since)
                log.LogInformation("Slack Socket Mode reconnected {Elapsed} ms after {Cause}.", Stopwatch.GetElapsedTime(since).TotalMilliseconds, cause);
            if (replaced is not null) retiring.Add(RetireAsync(replaced, stoppingToken));
            replaced = null;

            var (connection, reading) = live;
            var ended = await Task.WhenAny(reading, connection.DisconnectRequested);
            lostAt = Stopwatch.GetTimestamp();
            if (ended == connection.DisconnectRequested && !reading.IsCompleted)
            {
                cause = $"disconnect ({connection.DisconnectRequested.Result})";
                log.LogInformation("Slack asked to replace the Socket Mode connection ({Reason}); opening the next one first.", connection.DisconnectRequested.Result);
                replaced = connection;
            }
            else
            {
                cause = "a dropped socket";
                await DisposeAsync(connection);
            }
            retiring.RemoveAll(t => t.IsCompleted);
        }
        if (replaced is not null) retiring.Add(RetireAsync(replaced, CancellationToken.None));
        await Task.WhenAll(retiring);
    }

    private async Task<(SocketModeConnection, Task)> ConnectAsync(CancellationToken ct)
    {
        if (OpenConnections >= MaxConnections) throw new InvalidOperationException($"{MaxConnections} Socket Mode connections are open already.");
        var opened = await services.GetRequiredService<SlackApi>().CallWithTokenAsync("apps.connections.open", settings.Value.AppToken!, ct);
        var url = new Uri(opened["url"]!.GetValue<string>());
        var socket = new ClientWebSocket();
        // Slack pings; the runtime answers pings itself. Our own keep-alive notices a dead link behind a silent proxy.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        try
        {
            await socket.ConnectAsync(url, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Interlocked.Increment(ref open);
        var connection = new SocketModeConnection(socket, envelopes, log);
        var reading = connection.ReadAsync(ct);
        try
        {
            var hello = await connection.Hello.WaitAsync(HelloTimeout, time, ct);
            log.LogInformation("Slack Socket Mode connected; Slack counts {Connections} connection(s) for this app.", hello["num_connections"]?.ToString() ?? "?");
            return (connection, reading);
        }
        catch
        {
            await DisposeAsync(connection);
            throw;
        }
    }

    private async Task RetireAsync(SocketModeConnection connection, CancellationToken ct)
    {
        await connection.CloseAsync(CloseGrace, ct);
        await DisposeAsync(connection);
    }

    private async Task DisposeAsync(SocketModeConnection connection)
    {
        await connection.DisposeAsync();
        Interlocked.Decrement(ref open);
    }
}
