using MailKit.Net.Smtp;

namespace ChatBilling.Core.Delivery;

/// <summary>One SMTP session and how many messages it has carried.</summary>
internal sealed class SmtpConnection(SmtpClient client)
{
    public SmtpClient Client { get; } = client;
    public int Sent { get; set; }
    public DateTimeOffset IdleSince { get; set; }
}

/// <summary>
/// The idle SMTP sessions of <see cref="SmtpEmailSender"/>, newest first, so the busiest few stay warm and the rest age
/// out. A session idle longer than <see cref="SmtpSettings.IdleTimeout"/> is closed rather than reused: RFC 5321
/// section 4.5.3.2.7 gives servers 5 minutes before they may drop an idle client, and many drop sooner.
/// </summary>
internal sealed class SmtpConnections(TimeProvider time)
{
    /// <summary>More than the email lane's workers ever need at once; beyond this a returned session is closed.</summary>
    private const int MaxIdle = 8;

    private readonly Stack<SmtpConnection> idle = new();

    /// <summary>A connected idle session fresh enough to reuse, or null; stale ones are closed on the way.</summary>
    public SmtpConnection? Take(SmtpSettings settings)
    {
        var now = time.GetUtcNow();
        lock (idle)
        {
            while (idle.TryPop(out var connection))
            {
                if (connection.Client.IsConnected && now - connection.IdleSince < settings.IdleTimeout) return connection;
                // Too old to trust: dropped without QUIT, which is what the server is about to do anyway.
                connection.Client.Dispose();
            }
        }
        return null;
    }

    /// <summary>False when enough sessions idle already; the caller then closes this one.</summary>
    public bool TryReturn(SmtpConnection connection)
    {
        connection.IdleSince = time.GetUtcNow();
        lock (idle)
        {
            if (idle.Count >= MaxIdle) return false;
            idle.Push(connection);
            return true;
        }
    }

    /// <summary>Closes every idle session (the server went away, or the host stops).</summary>
    public async Task CloseAllAsync(Func<SmtpConnection, Task> quit)
    {
        List<SmtpConnection> all;
        lock (idle)
        {
            all = [.. idle];
            idle.Clear();
        }
        foreach (var connection in all) await quit(connection);
    }
}
