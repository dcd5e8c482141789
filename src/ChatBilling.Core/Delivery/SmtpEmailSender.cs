using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// Sends over SMTP with MailKit, one connection per message: sends are rare and retried by the outbox,
/// so a pooled connection going stale would cost more than it saves. Each phase (connect with greeting, EHLO, TLS and
/// login; the send; QUIT) has its own deadline on the product's clock, so a server that accepts the connection and
/// never answers turns into a failed attempt the outbox retries, not a worker that waits forever.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpSettings> options, TimeProvider time, ILogger<SmtpEmailSender> log) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var client = new SmtpClient
        {
            // MailKit's own per-read/write timeout (milliseconds, 2 minutes by default: MailKit's SmtpClient.Timeout
            // documentation) is kept as a backstop on the real clock; the deadlines below are the ones that count.
            Timeout = (int)Math.Min(int.MaxValue, Max(settings.ConnectTimeout, settings.SendTimeout).TotalMilliseconds),
        };
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await WithinAsync(settings.ConnectTimeout, "connect to", settings, ct, async token =>
        {
            await client.ConnectAsync(await ConnectNoDelayAsync(settings, token), settings.Host, settings.Port, security, token);
            if (!string.IsNullOrEmpty(settings.UserName))
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", token);
        });
        await WithinAsync(settings.SendTimeout, "send through", settings, ct, token => client.SendAsync(message, token));
        try
        {
            await WithinAsync(settings.QuitTimeout, "say QUIT to", settings, ct, token => client.DisconnectAsync(quit: true, token));
        }
        catch (Exception e)
        {
            // The server accepted the message (250 after DATA, RFC 5321 section 4.1.1.4): failing now would make the
            // outbox send it a second time. The connection is simply dropped.
            log.LogWarning("QUIT to {Host}:{Port} failed ({Reason}); the message was already accepted, so the connection is dropped.",
                settings.Host, settings.Port, e.Message);
        }
    }

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
}
