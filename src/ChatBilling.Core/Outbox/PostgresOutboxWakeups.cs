using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Wakes the other hosts on one PostgreSQL database: after a local commit stores outbox messages this host sends
/// <c>NOTIFY chatbilling_outbox, '&lt;host id&gt;:&lt;lane&gt;'</c>, and it LISTENs on the same channel on a connection
/// of its own, waking the named lane when another host committed. Notifications are best effort (a host that is
/// reconnecting misses them), which is why every reconnect wakes all lanes and the minute poll stays.
/// PostgreSQL delivers a notification only to sessions that were listening when the sender's transaction committed
/// (https://www.postgresql.org/docs/current/sql-notify.html); Npgsql raises them while <c>WaitAsync</c> runs
/// (https://www.npgsql.org/doc/wait.html).
/// </summary>
public sealed class PostgresOutboxWakeups(string connectionString, OutboxSignal signal, TimeProvider time,
    ILogger<PostgresOutboxWakeups> log) : BackgroundService
{
    /// <summary>The channel every host LISTENs on (README: "Outbox on several hosts").</summary>
    public const string Channel = "chatbilling_outbox";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(5);

    // Tells this host's own notifications apart from the others', so a commit never wakes its own host twice.
    private readonly string hostId = Guid.NewGuid().ToString("N");
    private readonly Channel<string> outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(
        new UnboundedChannelOptions { SingleReader = true });
    private long received;

    /// <summary>Notifications from other hosts that woke a lane here; for tests and diagnostics.</summary>
    public long Received => Interlocked.Read(ref received);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Committed += Enqueue;
        try
        {
            await Task.WhenAll(Task.Run(() => ListenAsync(stoppingToken), stoppingToken), Task.Run(() => NotifyAsync(stoppingToken), stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            signal.Committed -= Enqueue;
        }
    }

    private void Enqueue(IReadOnlyCollection<string> lanes)
    {
        foreach (var lane in lanes) outgoing.Writer.TryWrite(lane);
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                // Anything committed while this host was not listening is due now.
                signal.Wake(OutboxLane.All);
                while (true) await connection.WaitAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Listening for outbox notifications failed; reconnecting in {Delay} (the minute poll covers the gap).", ReconnectDelay);
                await Task.Delay(ReconnectDelay, time, ct);
            }
        }
    }

    private void OnNotification(string payload)
    {
        var separator = payload.IndexOf(':');
        if (separator < 0 || payload.AsSpan(0, separator).SequenceEqual(hostId)) return;
        Interlocked.Increment(ref received);
        signal.Wake([payload[(separator + 1)..]]);
    }

    /// <summary>Sends one NOTIFY per lane for everything committed since the last one: a burst of commits costs a few.</summary>
    private async Task NotifyAsync(CancellationToken ct)
    {
        while (await outgoing.Reader.WaitToReadAsync(ct))
        {
            var lanes = new HashSet<string>(StringComparer.Ordinal);
            while (outgoing.Reader.TryRead(out var lane)) lanes.Add(lane);
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                foreach (var lane in lanes)
                {
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", Channel);
                    notify.Parameters.AddWithValue("payload", $"{hostId}:{lane}");
                    await notify.ExecuteNonQueryAsync(ct);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Notifying other hosts of new outbox messages failed; their minute poll will find them.");
            }
        }
    }
}
