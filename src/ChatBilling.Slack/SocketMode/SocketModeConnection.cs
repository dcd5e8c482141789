using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket. Reads Slack's messages until the socket ends: <c>hello</c> (the connection is ready),
/// <c>disconnect</c> (Slack wants this connection replaced: <c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>),
/// and envelopes, each handled on its own task and acknowledged on this socket with
/// <c>{"envelope_id": …, "payload": …}</c> (bolt-js packages/socket-mode/src/SocketModeClient.ts, <c>send</c>;
/// python-slack-sdk slack_sdk/socket_mode/response.py). After a <c>disconnect</c> the socket keeps being read, so an
/// envelope Slack still sends on it is acknowledged too, until Slack closes it or <see cref="CloseAsync"/> does.
/// </summary>
internal sealed class SocketModeConnection(ClientWebSocket socket, SlackEnvelopes envelopes, ILogger log) : IAsyncDisposable
{
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ConcurrentDictionary<Task, bool> inFlight = new();
    private readonly TaskCompletionSource<JsonObject> hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with Slack's hello message: from then on envelopes arrive.</summary>
    public Task<JsonObject> Hello => hello.Task;

    /// <summary>Completes with the reason when Slack asks for this connection to be replaced.</summary>
    public Task<string> DisconnectRequested => disconnect.Task;

    /// <summary>Envelopes received and acknowledged on this connection.</summary>
    public int Acknowledged => acknowledged;

    private int acknowledged;

    /// <summary>Reads until the socket ends (closed by either side, or dropped).</summary>
    public async Task ReadAsync(CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, ct);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var text = message.ToArray();
                message.SetLength(0);
                if (received.MessageType == WebSocketMessageType.Text) Dispatch(text, ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested) log.LogWarning("The Slack Socket Mode connection dropped: {Error}", e.Message);
        }
        hello.TrySetException(new WebSocketException("The socket ended before Slack said hello."));
    }

    private void Dispatch(byte[] text, CancellationToken ct)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }
        switch (message?["type"]?.GetValue<string>())
        {
            case null:
                log.LogWarning("Ignored a Socket Mode message that is not a JSON object with a type.");
                return;
            case "hello":
                hello.TrySetResult(message);
                return;
            case "disconnect":
                disconnect.TrySetResult(message["reason"]?.GetValue<string>() ?? "unspecified");
                return;
        }
        if (message["envelope_id"]?.GetValue<string>() is not { Length: > 0 } envelopeId)
        {
            log.LogInformation("Ignored a Socket Mode message of type {Type} without envelope_id.", message["type"]);
            return;
        }
        var work = HandleAsync(envelopeId, message["type"]!.GetValue<string>(), message["payload"], ct);
        inFlight[work] = true;
        _ = work.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// Slack wants every envelope acknowledged within three seconds (docs.slack.dev/apis/events-api/using-socket-mode,
    /// "Acknowledge events"); the handlers only store work, which takes milliseconds. An envelope whose work could not be
    /// stored is not acknowledged, so Slack delivers it again, as a 500 on the request URL would make it.
    /// </summary>
    private async Task HandleAsync(string envelopeId, string type, JsonNode? payload, CancellationToken ct)
    {
        JsonNode? reply;
        try
        {
            reply = await envelopes.HandleAsync(type, payload, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Handling Socket Mode envelope {EnvelopeId} ({Type}) failed; not acknowledged, so Slack sends it again.", envelopeId, type);
            return;
        }
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (reply is not null) ack["payload"] = reply;
        try
        {
            await SendAsync(ack, ct);
            Interlocked.Increment(ref acknowledged);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            log.LogWarning("Could not acknowledge Socket Mode envelope {EnvelopeId}: the socket closed; Slack sends it again.", envelopeId);
        }
    }

    // One send at a time: a WebSocket allows a single outstanding send.
    private async Task SendAsync(JsonObject message, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Lets envelopes being handled finish and be acknowledged (up to <paramref name="grace"/>), then closes.</summary>
    public async Task CloseAsync(TimeSpan grace, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(inFlight.Keys).WaitAsync(grace, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("Closed a Socket Mode connection with {Count} envelope(s) still being handled; Slack sends them again.", inFlight.Count);
        }
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", CancellationToken.None).WaitAsync(grace, ct);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        sending.Dispose();
        return ValueTask.CompletedTask;
    }
}
