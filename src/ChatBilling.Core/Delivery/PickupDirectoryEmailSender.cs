using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// Writes each message as an <c>.eml</c> file when no SMTP host is configured. The file is named after the
/// Message-Id, so a retried send replaces the earlier file instead of adding a second email.
/// </summary>
public sealed partial class PickupDirectoryEmailSender(IOptions<SmtpSettings> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        // Written under a temporary name and moved into place, so whoever collects *.eml never reads half a message.
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = File.Create(temp)) await message.WriteToAsync(file, ct);
            File.Move(temp, Path.Combine(folder, FileNameFor(message)), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static string FileNameFor(MimeMessage message) =>
        UnsafeFileNameCharacters().Replace(message.MessageId ?? throw new ArgumentException("The message has no Message-Id."), "_") + ".eml";

    [GeneratedRegex("[^A-Za-z0-9@._-]")]
    private static partial Regex UnsafeFileNameCharacters();
}
