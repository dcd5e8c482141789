using ChatBilling.Core.Delivery;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Setup;

/// <summary>The mail server accepts a connection and, when a user name is set, the credentials; nothing is sent.</summary>
public sealed class SmtpCheck(IOptions<SmtpSettings> options) : ISetupCheck
{
    public string Name => "SMTP";

    public async Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var s = options.Value;
        if (string.IsNullOrWhiteSpace(s.Host))
            return SetupCheckResult.Skip(Name, $"Smtp:Host is empty: emails are written to '{s.PickupDirectory}' instead of sent.");
        using var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            var security = !s.UseTls ? SecureSocketOptions.None : s.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(s.Host, s.Port, security, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SetupCheckResult.Fail(Name, $"Cannot connect to {s.Host}:{s.Port} ({e.Message}): check Smtp:Host, Smtp:Port and Smtp:UseTls.");
        }
        try
        {
            if (!string.IsNullOrEmpty(s.UserName)) await client.AuthenticateAsync(s.UserName, s.Password ?? "", ct);
        }
        catch (AuthenticationException e)
        {
            return SetupCheckResult.Fail(Name, $"{s.Host} refused the credentials ({e.Message}): check Smtp:UserName and Smtp:Password.");
        }
        await client.DisconnectAsync(quit: true, ct);
        return SetupCheckResult.Pass(Name, string.IsNullOrEmpty(s.UserName)
            ? $"{s.Host}:{s.Port} accepts connections."
            : $"{s.Host}:{s.Port} accepts connections and the credentials of {s.UserName}.");
    }
}
