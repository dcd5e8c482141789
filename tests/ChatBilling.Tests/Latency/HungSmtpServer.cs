using System.Net;
using System.Net.Sockets;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// A mail server that accepts TCP connections and never says a word: no 220 greeting (RFC 5321 section 3.1), so an
/// SMTP client waits for it until its own deadline. Connections are held open until the server is disposed.
/// </summary>
public sealed class HungSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private readonly TaskCompletionSource firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int accepted;

    public HungSmtpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Completes when a client has connected (and is now waiting for a greeting that never comes).</summary>
    public Task FirstConnection => firstConnection.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token);
                lock (held) held.Add(socket);
                Interlocked.Increment(ref accepted);
                firstConnection.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        lock (held) foreach (var socket in held) socket.Dispose();
        stopping.Dispose();
    }
}
