using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// Slack's Socket Mode end, on the fake Web API's loopback Kestrel, written from docs.slack.dev/apis/events-api/using-socket-mode:
/// apps.connections.open (app-level token only) hands out a single-use <c>ws://…/link?ticket=…</c>; a connection gets
/// <c>hello</c>, then envelopes <c>{envelope_id, type, payload, accepts_response_payload, retry_attempt}</c>, and must answer
/// each with <c>{envelope_id, payload?}</c>. An envelope not acknowledged before its connection ends is delivered again on
/// the next connection with a higher <c>retry_attempt</c>, as Slack retries. <see cref="RefreshAsync"/> sends
/// <c>disconnect</c>/<c>refresh_requested</c> and closes the old connection once the client opened a new one;
/// <see cref="Drop"/> cuts the socket without a word. Times from losing a connection to the next hello are recorded.
/// </summary>
public sealed class FakeSocketMode
{
    public const string AppToken = "xapp-1-A0TEST-0000-fake";

    private sealed record Link(int Number, WebSocket Socket, HttpContext Http)
    {
        public SemaphoreSlim Sending { get; } = new(1, 1);
    }

    private readonly ConcurrentDictionary<string, bool> tickets = new();
    private readonly ConcurrentDictionary<int, Link> links = new();
    private readonly ConcurrentDictionary<string, (JsonObject Envelope, int Attempt, int Link)> unacked = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> acks = new();
    private int numbers;
    private long envelopes;
    private long? lostAt;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref numbers);

    /// <summary>The most connections that were open at the same moment.</summary>
    public int MostOpenAtOnce { get; private set; }

    /// <summary>From a refresh request or a drop to the next connection's hello.</summary>
    public ConcurrentQueue<TimeSpan> ReconnectTimes { get; } = new();

    /// <summary>How often each envelope was delivered (1 unless a connection ended before its ack).</summary>
    public ConcurrentDictionary<string, int> Deliveries { get; } = new();

    public int Unacknowledged => unacked.Count;

    public string IssueUrl(HttpRequest request)
    {
        var ticket = Guid.NewGuid().ToString("N");
        tickets[ticket] = true;
        return $"ws://{request.Host}/link?ticket={ticket}";
    }

    public async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || !tickets.TryRemove(http.Request.Query["ticket"].ToString(), out _))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var link = new Link(Interlocked.Increment(ref numbers), await http.WebSockets.AcceptWebSocketAsync(), http);
        links[link.Number] = link;
        MostOpenAtOnce = Math.Max(MostOpenAtOnce, links.Count);
        await SendAsync(link, new JsonObject
        {
            ["type"] = "hello", ["num_connections"] = links.Count,
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake", ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = "A0TEST" },
        });
        lock (tickets)
        {
            if (lostAt is { } since) ReconnectTimes.Enqueue(Stopwatch.GetElapsedTime(since));
            lostAt = null;
        }
        // Envelopes whose connection is gone (dropped before they were acknowledged) go out again here.
        await RedeliverAsync(link, from => !links.ContainsKey(from));
        await ReadAcksAsync(link);
        links.TryRemove(link.Number, out _);
        // What this connection never acknowledged goes out again on the newest one, as Slack retries.
        if (Newest() is { } next) await RedeliverAsync(next, from => from == link.Number);
    }

    private async Task RedeliverAsync(Link link, Func<int, bool> deliveredOn)
    {
        foreach (var (id, (envelope, attempt, from)) in unacked.ToArray())
        {
            if (!deliveredOn(from) || from == link.Number) continue;
            var copy = envelope.DeepClone().AsObject();
            copy["retry_attempt"] = attempt + 1;
            copy["retry_reason"] = "timeout";
            unacked[id] = (envelope, attempt + 1, link.Number);
            await DeliverAsync(link, id, copy);
        }
    }

    /// <summary>Sends an envelope on the newest connection; returns its id.</summary>
    public async Task<string> SendAsync(string type, JsonObject payload)
    {
        var id = $"env-{Interlocked.Increment(ref envelopes):D5}";
        var envelope = new JsonObject
        {
            ["envelope_id"] = id, ["type"] = type, ["payload"] = payload,
            ["accepts_response_payload"] = type != "events_api", ["retry_attempt"] = 0, ["retry_reason"] = "",
        };
        acks[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var link = Newest();
        unacked[id] = (envelope, 0, link?.Number ?? 0);
        if (link is not null) await DeliverAsync(link, id, envelope);
        return id;
    }

    /// <summary>The acknowledgement of an envelope (its payload, if any, under "payload"); fails after 10 s.</summary>
    public Task<JsonObject> AckAsync(string envelopeId) => acks[envelopeId].Task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits until the client holds a connection (it connects in the background).</summary>
    public async Task WaitForConnectionAsync(int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Connections < count || Newest() is null) await Task.Delay(10, timeout.Token);
    }

    /// <summary>Slack's <c>disconnect</c> with reason <c>refresh_requested</c>; the old connection closes once a new one is open.</summary>
    public async Task RefreshAsync()
    {
        var old = Newest() ?? throw new InvalidOperationException("No connection to refresh.");
        lock (tickets) lostAt = Stopwatch.GetTimestamp();
        await SendAsync(old, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } });
        await WaitForConnectionAsync(old.Number + 1);
        try
        {
            await old.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refreshed", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Cuts the newest connection's TCP stream: no close frame, no warning.</summary>
    public void Drop()
    {
        var link = Newest() ?? throw new InvalidOperationException("No connection to drop.");
        lock (tickets) lostAt = Stopwatch.GetTimestamp();
        link.Http.Abort();
    }

    private Link? Newest() => links.Values.Where(l => l.Socket.State == WebSocketState.Open).MaxBy(l => l.Number);

    private readonly ConcurrentDictionary<string, long> firstSent = new();

    /// <summary>From an envelope's first delivery to its acknowledgement, per envelope.</summary>
    public ConcurrentQueue<TimeSpan> AckTimes { get; } = new();

    private async Task DeliverAsync(Link link, string id, JsonObject envelope)
    {
        firstSent.TryAdd(id, Stopwatch.GetTimestamp());
        Deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
        try
        {
            await SendAsync(link, envelope);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone; the envelope stays unacknowledged and goes out on the next one.
        }
    }

    private static async Task SendAsync(Link link, JsonObject message)
    {
        await link.Sending.WaitAsync();
        try
        {
            await link.Socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            link.Sending.Release();
        }
    }

    private async Task ReadAcksAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (link.Socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await link.Socket.ReceiveAsync(buffer, link.Http.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var ack = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                var id = ack["envelope_id"]!.ToString();
                if (!unacked.TryRemove(id, out _)) continue;
                AckTimes.Enqueue(Stopwatch.GetElapsedTime(firstSent[id]));
                acks[id].TrySetResult(ack);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }
}
