using SkiaSharp;

namespace ChatBilling.Tests.Documents;

/// <summary>Small images made on the fly, so tests carry no binary fixtures.</summary>
internal static class TestImages
{
    public static byte[] SolidPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(0x1E, 0x3A, 0x5F));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
