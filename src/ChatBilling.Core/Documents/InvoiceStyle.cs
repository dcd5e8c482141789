using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Sizes, colours, text and paints for one render. SKPaint is a mutable native object, so each render gets
/// its own set while the fonts underneath are shared. One regular face per script only (a bold one would
/// double the embedded glyphs): hierarchy comes from size and colour.
/// </summary>
internal sealed class InvoiceStyle : IDisposable
{
    public const float Margin = 48f;
    public const float FooterHeight = 44f;
    public const float ContinuationHeaderHeight = 34f;
    public const float CellPadding = 6f;
    public const float RowPaddingY = 5.5f;
    public const float BodyLineHeight = 11.5f;
    public const float HeaderRowHeight = 22f;
    public const float TotalsWidth = 250f;
    public const float TotalsRowHeight = 17f;
    public const float TotalRowHeight = 28f;
    public const float SectionGap = 18f;
    public const float NoteLineHeight = 11f;

    private static readonly SKColor Ink = new(0x1F, 0x29, 0x37);
    private static readonly SKColor Muted = new(0x6B, 0x72, 0x80);
    private static readonly SKColor Accent = new(0x1E, 0x3A, 0x5F);
    private static readonly SKColor RuleColour = new(0xE2, 0xE6, 0xEB);
    private static readonly SKColor Shade = new(0xF2, 0xF5, 0xF8);

    public InvoiceStyle(DocumentText text, PaperSize paper)
    {
        Text = text;
        (PageWidth, PageHeight) = paper == PaperSize.Letter ? (612f, 792f) : (595f, 842f);
    }

    public DocumentText Text { get; }

    public float PageWidth { get; }

    public float PageHeight { get; }

    public float ContentWidth => PageWidth - 2 * Margin;

    public float Right => PageWidth - Margin;

    /// <summary>Lowest y the body may reach before the footer.</summary>
    public float BodyBottom => PageHeight - FooterHeight - 8f;

    public float Body => 9f;

    public float Small => 8f;

    public float Label => 7.5f;

    public float SellerName => 14f;

    public float ClientName => 11f;

    public float Title => 24f;

    public float Total => 12f;

    public SKPaint InkPaint { get; } = Fill(Ink);

    public SKPaint MutedPaint { get; } = Fill(Muted);

    public SKPaint AccentPaint { get; } = Fill(Accent);

    public SKPaint ShadePaint { get; } = Fill(Shade);

    public SKPaint RulePaint { get; } = new() { Color = RuleColour, StrokeWidth = 0.75f, Style = SKPaintStyle.Stroke };

    public SKPaint AccentRulePaint { get; } = new() { Color = Accent, StrokeWidth = 1.25f, Style = SKPaintStyle.Stroke };

    /// <summary>Text the fonts can draw: missing characters become U+FFFD.</summary>
    public string Drawable(string text) => Text.Drawable(text);

    /// <summary>Width in points of text at a size.</summary>
    public float Measure(string text, float size) => Text.Measure(text, size);

    /// <summary>
    /// Draws one line with its baseline at y; with no canvas it does nothing, so measuring passes can share the drawing code.
    /// A line wider than <paramref name="maxWidth"/> is drawn smaller to fit rather than overlap its neighbour.
    /// </summary>
    public void Draw(SKCanvas? canvas, string text, float x, float y, SKTextAlign align, float size, SKPaint paint, float maxWidth = float.MaxValue) =>
        Text.Draw(canvas, text, x, y, align, FittingSize(text, size, maxWidth), paint);

    /// <summary>The size, reduced as far as needed so the text fits the width: smaller text beats overlapping text.</summary>
    public float FittingSize(string text, float size, float maxWidth)
    {
        var width = Measure(text, size);
        return width <= maxWidth ? size : size * Math.Max(0f, maxWidth) / width;
    }

    public void Dispose()
    {
        foreach (var paint in new[] { InkPaint, MutedPaint, AccentPaint, ShadePaint, RulePaint, AccentRulePaint })
        {
            paint.Dispose();
        }
    }

    private static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
}
