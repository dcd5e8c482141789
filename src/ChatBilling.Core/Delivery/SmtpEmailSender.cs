using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// Sends over SMTP with MailKit, one connection per message: sends are rare and retried by the outbox,
/// so a pooled connection going stale would cost more than it saves.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpSettings> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(await ConnectNoDelayAsync(settings, ct), settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
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
}
