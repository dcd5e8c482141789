using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// The image approvers see in chat: at most <see cref="LongSidePixels"/> on its long side, because Teams refuses
/// larger card images (cards reference, "Common properties for all cards": images at most 1024 × 1024 px, PNG, JPEG
/// or GIF; https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference, and
/// microsoft/botbuilder-dotnet#3261 for cards whose image was too large), grey in 16 levels (<see cref="GreyPng"/>),
/// since the page is nearly grey anyway and a grey PNG is a fraction of an RGB one. A one-page invoice is its page; a longer one shows the top of page 1 (seller, client,
/// first lines) above the end of the page holding the totals, so an approver always sees what is being asked for.
/// </summary>
internal static class InvoicePreview
{
    public const int LongSidePixels = 1024;

    // Share of the preview given to the top of page 1 when the invoice has more pages.
    private const float FirstPageShare = 0.52f;

    // Points of the totals page shown above its totals box.
    private const float ContextAboveTotals = 60f;

    public static byte[] Png(InvoiceLayout layout) => Draw(layout, canvas =>
    {
        if (layout.PageCount == 1) layout.DrawPage(canvas, 0);
        else DrawFirstAndTotals(canvas, layout);
    });

    /// <summary>One whole page (0 is the first), the same size: the console shows every page of a longer invoice.</summary>
    public static byte[] PagePng(InvoiceLayout layout, int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, layout.PageCount);
        return Draw(layout, canvas => layout.DrawPage(canvas, page));
    }

    private static byte[] Draw(InvoiceLayout layout, Action<SKCanvas> draw)
    {
        var scale = LongSidePixels / Math.Max(layout.PageWidth, layout.PageHeight);
        var width = (int)Math.Round(layout.PageWidth * scale);
        var height = (int)Math.Round(layout.PageHeight * scale);

        // Drawn in colour with antialiasing, then written as 16-level grey (see GreyPng).
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("Could not allocate the preview surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        draw(canvas);

        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("The preview surface has no pixels.");
        return GreyPng.Encode(pixels);
    }

    private static void DrawFirstAndTotals(SKCanvas canvas, InvoiceLayout layout)
    {
        var split = layout.PageHeight * FirstPageShare;
        canvas.Save();
        canvas.ClipRect(new SKRect(0, 0, layout.PageWidth, split));
        layout.DrawPage(canvas, 0);
        canvas.Restore();

        // The totals page from a little above its totals (the last lines they add up) fills the rest.
        var (page, totalsTop) = layout.TotalsPlacement;
        canvas.Save();
        canvas.ClipRect(new SKRect(0, split, layout.PageWidth, layout.PageHeight));
        canvas.Translate(0, split + 6f - Math.Max(0f, totalsTop - ContextAboveTotals));
        layout.DrawPage(canvas, page);
        canvas.Restore();

        using var tear = new SKPaint { Color = new SKColor(0x9A, 0xA3, 0xAE), StrokeWidth = 1f, Style = SKPaintStyle.Stroke, PathEffect = SKPathEffect.CreateDash([6f, 4f], 0) };
        canvas.DrawLine(0, split, layout.PageWidth, split, tear);
    }
}
