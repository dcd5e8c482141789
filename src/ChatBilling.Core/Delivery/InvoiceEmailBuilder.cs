using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Money;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// What goes into one invoice email. <see cref="Pdf"/> are the approved document's bytes, sent unchanged.
/// With <see cref="ReminderOffsetDays"/> (days relative to the due date) it is a payment reminder instead.
/// </summary>
public sealed record InvoiceEmail(
    string IdempotencyKey,
    string InvoiceNumber,
    string ClientName,
    string ClientEmail,
    decimal Total,
    string Currency,
    DateOnly DueDate,
    Uri Link,
    ReadOnlyMemory<byte> Pdf,
    string Locale = "en-GB",
    int? ReminderOffsetDays = null,
    IReadOnlyList<string>? Cc = null);

/// <summary>Builds the invoice email: plain text and HTML bodies, the PDF attached, and a Message-Id that retries keep.</summary>
public sealed class InvoiceEmailBuilder(IOptions<SmtpSettings> smtp, TimeProvider time)
{
    public const string MessageIdDomain = "chatbilling";

    /// <summary>
    /// The same key always gives the same Message-Id, so when a retry re-sends an email the receiving system
    /// sees a duplicate of the first one rather than a second invoice.
    /// </summary>
    public static string MessageIdFor(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return $"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@{MessageIdDomain}";
    }

    public MimeMessage Build(InvoiceEmail email)
    {
        if (email.Link.Scheme != Uri.UriSchemeHttps && email.Link.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"An invoice link must be http or https, not {email.Link.Scheme}.", nameof(email));
        var culture = CultureFor(email.Locale);
        var t = DocumentTexts.For(email.Locale);
        var amount = $"{email.Total.ToString($"N{Currencies.MinorUnits(email.Currency)}", culture)} {email.Currency}";
        var due = email.DueDate.ToString("d MMMM yyyy", culture);
        var link = email.Link.AbsoluteUri;
        var number = ("number", email.InvoiceNumber);
        (string, string)[] values = [number, ("amount", amount), ("due", due)];

        // Texts come from Documents/Texts/{language}.json, in the client's language (English when we have none).
        var (subject, lead) = email.ReminderOffsetDays switch
        {
            null => (t.Format("email.subject", number), t.Format("email.lead", values)),
            < 0 and var d => (t.Format("reminder.beforeSubject", number, Days(-d)), t.Format("reminder.before", [.. values, Days(-d)])),
            0 => (t.Format("reminder.todaySubject", number), t.Format("reminder.today", values)),
            int d => (t.Format("reminder.overdueSubject", number, Days(d)), t.Format("reminder.overdue", [.. values, Days(d)])),
        };
        var greeting = t.Format("email.greeting", ("name", email.ClientName));
        var body = new BodyBuilder
        {
            TextBody = $"""
                {greeting}

                {lead}

                {t.Format("email.viewOnline", ("link", link))}
                """,
            HtmlBody = $"""
                <!DOCTYPE html>
                <html lang="{t.Language}"><body>
                <p>{Html(greeting)}</p>
                <p>{Html(lead)}</p>
                <p><a href="{Html(link)}">{Html(t.Format("email.viewLink", number))}</a></p>
                </body></html>
                """,
        };
        body.Attachments.Add(PdfFileName(email.InvoiceNumber), email.Pdf.ToArray(), new ContentType("application", "pdf"));

        var message = new MimeMessage
        {
            Subject = subject,
            Date = time.GetUtcNow(),
            MessageId = MessageIdFor(email.IdempotencyKey),
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        message.To.Add(new MailboxAddress(email.ClientName, email.ClientEmail));
        // The client's extra recipients are copied openly, so each sees who else has the invoice; MailKit's
        // SmtpClient.Send(MimeMessage) takes the envelope recipients from To, Cc and Bcc together.
        foreach (var copy in email.Cc ?? []) message.Cc.Add(MailboxAddress.Parse(copy));
        return message;
    }

    /// <summary>The attachment's name; characters a mail client or file system would trip over become dashes.</summary>
    public static string PdfFileName(string invoiceNumber) =>
        string.Concat(invoiceNumber.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')) + ".pdf";

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static (string, string) Days(int days) => ("days", days.ToString(CultureInfo.InvariantCulture));

    private static CultureInfo CultureFor(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
