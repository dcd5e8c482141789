using MimeKit;

namespace ChatBilling.Tests.Delivery;

public static class ReceivedMail
{
    /// <summary>The decoded bytes of a message's single attachment.</summary>
    public static async Task<byte[]> AttachmentBytesAsync(MimeMessage message)
    {
        var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.NotNull(part.Content);
        using var bytes = new MemoryStream();
        await part.Content.DecodeToAsync(bytes);
        return bytes.ToArray();
    }
}
