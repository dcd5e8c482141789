using System.Globalization;
using System.Text;

namespace ChatBilling.Core.Documents;

/// <summary>
/// The embedded fonts, loaded once, in fallback order, and the guard that keeps text visible: a character no
/// font has would print as an empty .notdef box, so it becomes U+FFFD before it is measured or drawn.
/// </summary>
internal sealed class InvoiceFonts : IDisposable
{
    public const char Replacement = '\uFFFD';

    /// <summary>The primary face: Latin, Greek, Cyrillic, digits and punctuation.</summary>
    public const int Primary = 0;

    public InvoiceFonts()
    {
        Faces =
        [
            new EmbeddedFace("DejaVuSans.ttf", needsShaping: false),
            new EmbeddedFace("NotoSansArabic.ttf", needsShaping: true),
            new EmbeddedFace("NotoSansHebrew.ttf", needsShaping: true),
            new EmbeddedFace("NotoSansThai.ttf", needsShaping: true),
            new EmbeddedFace("NotoSansDevanagari.ttf", needsShaping: true),
            new EmbeddedFace("NotoSansCJK.ttf", needsShaping: false),
        ];
    }

    public IReadOnlyList<EmbeddedFace> Faces { get; }

    /// <summary>
    /// The face that draws <paramref name="codePoint"/>, or -1. Marks, joiners and common punctuation stay in
    /// the previous character's face when it has them, so a shaped word or phrase is not cut into pieces.
    /// </summary>
    public int FaceFor(int codePoint, int previous)
    {
        if (previous > Primary && Faces[previous].Covers(codePoint))
        {
            return previous;
        }

        for (var i = 0; i < Faces.Count; i++)
        {
            if (Faces[i].Covers(codePoint))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Covers(int codePoint)
    {
        foreach (var face in Faces)
        {
            if (face.Covers(codePoint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every character no font can draw replaced by U+FFFD, one per code point.</summary>
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
            if (Covers(rune.Value) || IsFormatControl(rune.Value))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append(ControlOrReplacement(rune));
            }
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        foreach (var face in Faces)
        {
            face.Dispose();
        }
    }

    private bool IsCovered(string text)
    {
        foreach (var c in text)
        {
            if (!Covers(c) && !IsFormatControl(c))
            {
                return false;
            }
        }

        return true;
    }

    // Joiners and direction marks shape text without ink of their own; shaping handles them.
    private static bool IsFormatControl(int codePoint) => codePoint is >= 0x200B and <= 0x200F;

    // A tab or stray control character inside a one-line field reads best as a space; anything else missing is shown.
    private static char ControlOrReplacement(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control ? ' ' : Replacement;
}
