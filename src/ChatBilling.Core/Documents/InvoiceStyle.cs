using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Sizes, colours, fonts and paints for one render. SKFont and SKPaint are mutable native objects,
/// so each render gets its own set while the typeface underneath is shared. One regular face only
/// (a bold one would add ~25 KB to every PDF): hierarchy comes from size and colour.
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

    public InvoiceStyle(InvoiceFonts fonts, PaperSize paper)
    {
        Fonts = fonts;
        (PageWidth, PageHeight) = paper == PaperSize.Letter ? (612f, 792f) : (595f, 842f);
        Body = Font(fonts.Typeface, 9f);
        Small = Font(fonts.Typeface, 8f);
        Label = Font(fonts.Typeface, 7.5f);
        SellerName = Font(fonts.Typeface, 14f);
        ClientName = Font(fonts.Typeface, 11f);
        Title = Font(fonts.Typeface, 24f);
        Total = Font(fonts.Typeface, 12f);
    }

    public InvoiceFonts Fonts { get; }

    public float PageWidth { get; }

    public float PageHeight { get; }

    public float ContentWidth => PageWidth - 2 * Margin;

    public float Right => PageWidth - Margin;

    /// <summary>Lowest y the body may reach before the footer.</summary>
    public float BodyBottom => PageHeight - FooterHeight - 8f;

    public SKFont Body { get; }

    public SKFont Small { get; }

    public SKFont Label { get; }

    public SKFont SellerName { get; }

    public SKFont ClientName { get; }

    public SKFont Title { get; }

    public SKFont Total { get; }

    public SKPaint InkPaint { get; } = Fill(Ink);

    public SKPaint MutedPaint { get; } = Fill(Muted);

    public SKPaint AccentPaint { get; } = Fill(Accent);

    public SKPaint ShadePaint { get; } = Fill(Shade);

    public SKPaint RulePaint { get; } = new() { Color = RuleColour, StrokeWidth = 0.75f, Style = SKPaintStyle.Stroke };

    public SKPaint AccentRulePaint { get; } = new() { Color = Accent, StrokeWidth = 1.25f, Style = SKPaintStyle.Stroke };

    /// <summary>Text the font can draw: missing characters become U+FFFD.</summary>
    public string Drawable(string text) => Fonts.Drawable(text);

    public void Dispose()
    {
        foreach (var font in new[] { Body, Small, Label, SellerName, ClientName, Title, Total })
        {
            font.Dispose();
        }

        foreach (var paint in new[] { InkPaint, MutedPaint, AccentPaint, ShadePaint, RulePaint, AccentRulePaint })
        {
            paint.Dispose();
        }
    }

    // Subpixel positioning and no hinting keep measured widths identical between the PDF and the PNG.
    private static SKFont Font(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    private static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
}
