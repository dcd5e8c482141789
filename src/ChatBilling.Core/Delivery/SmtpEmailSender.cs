using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// Sends over SMTP with MailKit, reusing connections: an email lane worker takes an idle connection, sends, and puts it
/// back, so a burst of invoice emails pays for one connect, greeting and EHLO per worker rather than per message (SMTP
/// sends any number of mail transactions on one session: RFC 5321 section 3.3; MailKit's SmtpClient keeps its session
/// between SendAsync calls). Each phase (connect with greeting, EHLO, TLS and login; the send; QUIT) has its own deadline
/// on the product's clock, so a server that accepts the connection and never answers turns into a failed attempt the
/// outbox retries, not a worker that waits forever. A connection that failed in any way is dropped, never reused.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpSettings> options, TimeProvider time, ILogger<SmtpEmailSender> log)
    : IEmailSender, IAsyncDisposable
{
    private readonly SmtpConnections idle = new(time);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        if (idle.Take(settings) is { } pooled)
        {
            try
            {
                await SendOnAsync(pooled, message, settings, ct);
                await ReturnAsync(pooled, settings);
                return;
            }
            // The server closed the idle session meanwhile (servers may, RFC 5321 section 4.5.3.2.7): MailKit finds out
            // on MAIL FROM, before any of the message went. The others idle beside it likely went the same way.
            catch (Exception e) when (IsDropped(e) && !ct.IsCancellationRequested)
            {
                pooled.Client.Dispose();
                await idle.CloseAllAsync(c => QuitAsync(c, settings));
                log.LogDebug("A reused SMTP connection to {Host}:{Port} was closed by the server ({Reason}); connecting afresh.",
                    settings.Host, settings.Port, e.Message);
            }
            catch
            {
                pooled.Client.Dispose();
                throw;
            }
        }

        var fresh = await ConnectAsync(settings, ct);
        try
        {
            await SendOnAsync(fresh, message, settings, ct);
        }
        catch
        {
            fresh.Client.Dispose();
            throw;
        }
        await ReturnAsync(fresh, settings);
    }

    private Task SendOnAsync(SmtpConnection connection, MimeMessage message, SmtpSettings settings, CancellationToken ct) =>
        WithinAsync(settings.SendTimeout, "send through", settings, ct, async token =>
        {
            await connection.Client.SendAsync(message, token);
            connection.Sent++;
        });

    /// <summary>Back to the idle connections, or QUIT when it has sent its share or enough connections idle already.</summary>
    private async Task ReturnAsync(SmtpConnection connection, SmtpSettings settings)
    {
        if (connection.Sent < settings.MaxMessagesPerConnection && idle.TryReturn(connection)) return;
        await QuitAsync(connection, settings);
    }

    private async Task<SmtpConnection> ConnectAsync(SmtpSettings settings, CancellationToken ct)
    {
        var client = new SmtpClient
        {
            // MailKit's own per-read/write timeout (milliseconds, 2 minutes by default: MailKit's SmtpClient.Timeout
            // documentation) is kept as a backstop on the real clock; the deadlines here are the ones that count.
            Timeout = (int)Math.Min(int.MaxValue, Max(settings.ConnectTimeout, settings.SendTimeout).TotalMilliseconds),
        };
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        try
        {
            await WithinAsync(settings.ConnectTimeout, "connect to", settings, ct, async token =>
            {
                await client.ConnectAsync(await ConnectNoDelayAsync(settings, token), settings.Host, settings.Port, security, token);
                if (!string.IsNullOrEmpty(settings.UserName))
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", token);
            });
            return new SmtpConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>QUIT and drop. Every message it carried was accepted already (250 after DATA, RFC 5321 section 4.1.1.4), so a failed QUIT fails nothing.</summary>
    private async Task QuitAsync(SmtpConnection connection, SmtpSettings settings)
    {
        try
        {
            using var deadline = new CancellationTokenSource(settings.QuitTimeout, time);
            await connection.Client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (Exception e)
        {
            log.LogWarning("QUIT to {Host}:{Port} failed ({Reason}); its messages were already accepted, so the connection is dropped.",
                settings.Host, settings.Port, e.Message);
        }
        finally
        {
            connection.Client.Dispose();
        }
    }

    /// <summary>The session is gone (closed by the server, reset), as opposed to the server refusing this message.</summary>
    private static bool IsDropped(Exception e) =>
        e is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException
        || e is TimeoutException { InnerException: ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException };

    /// <summary>Runs one phase under its own deadline; a deadline that passes is a <see cref="TimeoutException"/>.</summary>
    private async Task WithinAsync(TimeSpan limit, string what, SmtpSettings settings, CancellationToken ct, Func<CancellationToken, Task> phase)
    {
        using var deadline = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            await phase(linked.Token);
        }
        // Whatever the client throws once the deadline cancelled it (cancellation, a reset socket) is the timeout.
        catch (Exception e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {settings.Host}:{settings.Port} did not let us {what} it within {limit}.", e);
        }
    }

    /// <summary>
    /// A connected socket with Nagle's algorithm off. SMTP is write-then-wait-for-reply; with Nagle on, the short
    /// end-of-data line waits for the server's delayed ACK, which cost about 45 ms per message on loopback.
    /// MailKit owns the socket once it is handed over.
    /// </summary>
    private static async Task<Socket> ConnectNoDelayAsync(SmtpSettings settings, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Says QUIT on the idle connections when the host stops.</summary>
    public async ValueTask DisposeAsync() => await idle.CloseAllAsync(c => QuitAsync(c, options.Value));
}
