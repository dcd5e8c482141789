using System.Net;
using ChatBilling.Core.Approvals;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>Plain notices to our own staff (approvers, managers, requesters): text with a pre-formatted HTML twin, and a retry-stable Message-Id.</summary>
public sealed class StaffEmails(IEmailSender sender, IOptions<SmtpSettings> smtp, TimeProvider time)
{
    public Task SendAsync(string idempotencyKey, string subject, string text, IEnumerable<ApproverSettings> to, CancellationToken ct)
    {
        var email = new MimeMessage
        {
            Subject = subject,
            Date = time.GetUtcNow(),
            MessageId = InvoiceEmailBuilder.MessageIdFor(idempotencyKey),
            Body = new BodyBuilder
            {
                TextBody = text,
                HtmlBody = $"<pre style=\"font-family:inherit;white-space:pre-wrap\">{WebUtility.HtmlEncode(text)}</pre>",
            }.ToMessageBody(),
        };
        email.From.Add(MailboxAddress.Parse(smtp.Value.From));
        foreach (var person in to) email.To.Add(new MailboxAddress(person.Name, person.Email));
        return sender.SendAsync(email, ct);
    }
}
