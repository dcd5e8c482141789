using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>Hands a finished message to the mail system; throws when it was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
