using System.Collections.Concurrent;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Turns a line of text into glyphs: splits it by face (font fallback) and by direction (<see cref="BidiLevels"/>),
/// shapes Arabic, Hebrew, Thai and Devanagari with HarfBuzz and maps Latin and CJK straight through the cmap,
/// which is all they need. Results are in ems, so one shaping serves every font size; they are cached for the
/// process because invoices repeat the same labels, dates and names.
/// </summary>
internal sealed class TextShaper(InvoiceFonts fonts)
{
    // Bounded so a long-running host does not keep every description it ever drew.
    private const int CacheLimit = 20_000;

    private readonly ConcurrentDictionary<string, ShapedText> cache = new(StringComparer.Ordinal);

    public InvoiceFonts Fonts => fonts;

    /// <summary>The shaped line; the text must already be <see cref="InvoiceFonts.Drawable"/>.</summary>
    public ShapedText Shape(string text)
    {
        if (text.Length == 0)
        {
            return ShapedText.Empty;
        }

        if (cache.TryGetValue(text, out var shaped))
        {
            return shaped;
        }

        shaped = ShapeLine(text);
        if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        cache[text] = shaped;
        return shaped;
    }

    /// <summary>Width in ems.</summary>
    public float Measure(string text) => Shape(text).Width;

    private ShapedText ShapeLine(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var levels = BidiLevels.HasRightToLeft(text) ? BidiLevels.Resolve(runes) : new byte[runes.Count];
        var segments = Segments(runes, levels);
        var order = BidiLevels.VisualOrder(segments.Select(s => s.Level).ToList());

        var runs = new List<ShapedRun>(segments.Count);
        var x = 0f;
        foreach (var index in order)
        {
            var segment = segments[index];
            var run = ShapeRun(segment, runes, x);
            runs.Add(run.Run);
            x += run.Advance;
        }

        return new ShapedText(runs, x);
    }

    private readonly record struct Segment(int Face, byte Level, int Start, int Count);

    // Maximal stretches of runes sharing a face and a level, in logical order.
    private List<Segment> Segments(List<Rune> runes, byte[] levels)
    {
        var segments = new List<Segment>();
        var face = -1;
        var start = 0;
        for (var i = 0; i < runes.Count; i++)
        {
            var next = Math.Max(InvoiceFonts.Primary, fonts.FaceFor(runes[i].Value, face));
            if (i > 0 && (next != face || levels[i] != levels[start]))
            {
                segments.Add(new Segment(face, levels[start], start, i - start));
                start = i;
            }

            face = next;
        }

        segments.Add(new Segment(face, levels[start], start, runes.Count - start));
        return segments;
    }

    private (ShapedRun Run, float Advance) ShapeRun(Segment segment, List<Rune> runes, float left)
    {
        var builder = new StringBuilder(segment.Count);
        for (var i = segment.Start; i < segment.Start + segment.Count; i++)
        {
            builder.Append(runes[i].ToString());
        }

        var utf8 = Encoding.UTF8.GetBytes(builder.ToString());
        var face = fonts.Faces[segment.Face];
        var rightToLeft = segment.Level % 2 == 1;
        return face.NeedsShaping || rightToLeft
            ? WithHarfBuzz(segment.Face, face, utf8, rightToLeft, left)
            : Mapped(segment.Face, face, utf8, left);
    }

    private static (ShapedRun, float) WithHarfBuzz(int faceIndex, EmbeddedFace face, byte[] utf8, bool rightToLeft, float left)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        face.Shaper.Shape(buffer);

        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var glyphs = new ushort[infos.Length];
        var xs = new float[infos.Length];
        var ys = new float[infos.Length];
        var clusters = new uint[infos.Length];
        var x = left;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = infos[i].Cluster;
            xs[i] = x + positions[i].XOffset / (float)EmbeddedFace.ShapingScale;
            ys[i] = -positions[i].YOffset / (float)EmbeddedFace.ShapingScale;
            x += positions[i].XAdvance / (float)EmbeddedFace.ShapingScale;
        }

        return (new ShapedRun(faceIndex, glyphs, xs, ys, clusters, utf8), x - left);
    }

    // One glyph per code point and advances straight from the font: what Skia itself does for unshaped text.
    private static (ShapedRun, float) Mapped(int faceIndex, EmbeddedFace face, byte[] utf8, float left)
    {
        var text = Encoding.UTF8.GetString(utf8);
        using var font = new SKFont(face.Typeface, 1f) { Subpixel = true, Hinting = SKFontHinting.None, LinearMetrics = true };
        var glyphs = font.GetGlyphs(text);
        var widths = font.GetGlyphWidths(glyphs);
        var xs = new float[glyphs.Length];
        var clusters = new uint[glyphs.Length];
        var advances = new ushort[glyphs.Length];
        var x = left;
        var offset = 0u;
        var i = 0;
        var glyphsTellText = true;
        foreach (var rune in text.EnumerateRunes())
        {
            glyphsTellText &= glyphs[i] < face.FirstCodePoints.Length && face.FirstCodePoints[glyphs[i]] == rune.Value;
            xs[i] = x;
            clusters[i] = offset;
            x += widths[i];
            advances[i] = (ushort)Math.Round(widths[i] * face.UnitsPerEm);
            offset += (uint)rune.Utf8SequenceLength;
            i++;
        }

        return (new ShapedRun(faceIndex, glyphs, xs, new float[glyphs.Length], clusters, utf8, advances, glyphsTellText), x - left);
    }
}
