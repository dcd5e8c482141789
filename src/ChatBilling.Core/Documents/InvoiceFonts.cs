using System.Collections;
using System.Globalization;
using System.Text;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// The embedded DejaVu Sans subset faces, loaded once, and the guard that keeps text drawable:
/// Skia draws a character the font lacks as an invisible .notdef glyph, so such characters are
/// replaced by U+FFFD before measuring or drawing.
/// </summary>
internal sealed class InvoiceFonts : IDisposable
{
    public const char Replacement = '\uFFFD';

    private readonly BitArray regularCoverage;
    private readonly BitArray boldCoverage;

    public InvoiceFonts()
    {
        Regular = Load("DejaVuSans.ttf");
        Bold = Load("DejaVuSans-Bold.ttf");
        regularCoverage = Coverage(Regular);
        boldCoverage = Coverage(Bold);
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>Text with every character the face cannot draw replaced by U+FFFD (one per code point).</summary>
    public string Drawable(string text, bool bold)
    {
        var coverage = bold ? boldCoverage : regularCoverage;
        if (IsCovered(text, coverage))
        {
            return text;
        }

        // NFC first so "e" + combining acute becomes "é", which the font has.
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var covered = rune.IsBmp && coverage[rune.Value];
            builder.Append(covered ? (char)rune.Value : ControlOrReplacement(rune));
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }

    private static bool IsCovered(string text, BitArray coverage)
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

    // Tabs and stray line breaks inside a single-line field read best as spaces; anything else missing is shown.
    private static char ControlOrReplacement(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control ? ' ' : Replacement;

    private static SKTypeface Load(string fileName)
    {
        var name = $"ChatBilling.Core.Documents.Fonts.{fileName}";
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font '{name}' is missing from the assembly.");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"Embedded font '{name}' could not be read.");
    }

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
        var coverage = new BitArray(codePoints.Length);
        for (var i = 0; i < glyphs.Length; i++)
        {
            // Surrogates are never drawable on their own; control characters have glyphs but no ink.
            coverage[i] = glyphs[i] != 0 && !char.IsSurrogate((char)i) && !char.IsControl((char)i);
        }

        return coverage;
    }
}
