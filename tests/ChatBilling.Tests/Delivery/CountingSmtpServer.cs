using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatBilling.Tests.Delivery;

/// <summary>
/// A small SMTP server on loopback that counts sessions and accepted messages (aiosmtpd cannot tell us how many
/// connections it saw). It speaks the replies RFC 5321 section 4.2 gives each command: 220 greeting, 250 to EHLO, MAIL,
/// RCPT and the end of DATA, 354 to DATA, 221 to QUIT. With <see cref="DropAfterEachMessage"/> it closes the session
/// right after its 250, the way a server ends an idle or capped session, so the client's next MAIL FROM finds it gone.
/// </summary>
public sealed class CountingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private readonly List<Task> sessions = [];
    private readonly List<string> messageIds = [];
    private int connections;

    public CountingSmtpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }
    public bool DropAfterEachMessage { get; init; }
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The Message-Id header of every accepted message, in order.</summary>
    public IReadOnlyList<string> MessageIds
    {
        get { lock (messageIds) return [.. messageIds]; }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                Interlocked.Increment(ref connections);
                lock (sessions) sessions.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 counting-smtp ready");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 bye");
                    return;
                }
                if (verb != "DATA")
                {
                    await writer.WriteLineAsync(verb == "EHLO" ? "250 counting-smtp" : "250 OK");
                    continue;
                }
                await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                string? id = null;
                while (await reader.ReadLineAsync(stopping.Token) is { } data && data != ".")
                    if (id is null && data.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)) id = data[11..].Trim();
                lock (messageIds) messageIds.Add(id ?? "");
                await writer.WriteLineAsync("250 OK queued");
                if (DropAfterEachMessage) return;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] open;
        lock (sessions) open = [.. sessions];
        await Task.WhenAll(open);
        stopping.Dispose();
    }
}
