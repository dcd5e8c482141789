using System.Collections;
using System.Globalization;
using System.Text;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// The embedded DejaVu Sans subset, loaded once, and the guard that keeps text visible: Skia draws a
/// character the font lacks as an empty .notdef glyph, so such characters become U+FFFD before
/// they are measured or drawn.
/// </summary>
internal sealed class InvoiceFonts : IDisposable
{
    public const char Replacement = '\uFFFD';

    private const string ResourceName = "ChatBilling.Core.Documents.Fonts.DejaVuSans.ttf";

    private readonly BitArray coverage;

    public InvoiceFonts()
    {
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded font '{ResourceName}' is missing from the assembly.");
        Typeface = SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"Embedded font '{ResourceName}' could not be read.");
        coverage = Coverage(Typeface);
    }

    public SKTypeface Typeface { get; }

    /// <summary>The text with every character the font cannot draw replaced by U+FFFD, one per code point.</summary>
    public string Drawable(string text)
    {
        if (IsCovered(text))
        {
            return text;
        }

        // NFC first, so "e" followed by a combining acute becomes "é", which the font has.
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            builder.Append(rune.IsBmp && coverage[rune.Value] ? (char)rune.Value : ControlOrReplacement(rune));
        }

        return builder.ToString();
    }

    public void Dispose() => Typeface.Dispose();

    private bool IsCovered(string text)
    {
        foreach (var c in text)
        {
            if (!coverage[c])
            {
                return false;
            }
        }

        return true;
    }

    // A tab or stray control character inside a one-line field reads best as a space; anything else missing is shown.
    private static char ControlOrReplacement(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control ? ' ' : Replacement;

    // One lookup of the whole Basic Multilingual Plane at start-up turns every later check into a bit test.
    private static BitArray Coverage(SKTypeface typeface)
    {
        var codePoints = new int[char.MaxValue + 1];
        for (var i = 0; i < codePoints.Length; i++)
        {
            codePoints[i] = i;
        }

        using var font = new SKFont(typeface);
        var glyphs = font.GetGlyphs(codePoints);
        var covered = new BitArray(codePoints.Length);
        for (var i = 0; i < glyphs.Length; i++)
        {
            // Lone surrogates are never drawable; control characters map to glyphs without ink.
            covered[i] = glyphs[i] != 0 && !char.IsSurrogate((char)i) && !char.IsControl((char)i);
        }

        return covered;
    }
}
