using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Consecutive plain-advance strings of one font, size and paint, drawn as one glyph run; the content keeps the
/// drawing order, so readers that extract text in content order still read the page in order. Skia's PDF writer
/// pays several microseconds for every glyph run it is given (content entry, font and strike lookups;
/// src/pdf/SkPDFDevice.cpp, internalDrawGlyphRun), the larger part of a page's cost at a hundred or more short
/// strings per page; one run writes the same text with a "Td" move per string. A string joins a run only when
/// every one of its positions is exactly what that writer computes as the sum of the previous advances, so inside
/// a string no glyph needs a move of its own (see <see cref="DocumentText"/>); anything else is drawn on its own,
/// after what is pending. Only strings whose glyphs tell their text join (<see cref="ShapedRun.GlyphsTellText"/>),
/// and the run carries no text of its own: Skia finds each glyph's cluster by scanning every cluster of the run
/// (src/pdf/SkClusterator.cpp, next()), quadratic in a run of thousands of glyphs, while readers take the text of
/// these glyphs from the font's ToUnicode map just the same.
/// </summary>
internal sealed class TextBatch
{
    // Text never lies under a later shape on the page, so drawing it after the shapes drawn meanwhile changes nothing.
    private readonly List<ushort> glyphs = [];
    private readonly List<SKPoint> points = [];
    private (int Face, float Size, SKPaint? Paint) key;

    /// <summary>Adds the string to its run if its positions stay exact there; false means draw it on its own.</summary>
    public bool TryAdd(SKCanvas canvas, Func<int, float, SKFont> fontFor, ShapedRun shaped, ushort[] advances, float x, float baseline, float size, int unitsPerEm, SKPaint paint)
    {
        if (!shaped.GlyphsTellText)
        {
            return false;
        }

        // On a grid of 1/4096 pt, sums of advances at ordinary sizes are exact floats, which is what keeps them equal.
        var origin = MathF.Round(x * 4096f) / 4096f;
        var scale = size * 1f / unitsPerEm;
        var pen = 0f;
        var xs = new float[advances.Length];
        for (var i = 0; i < advances.Length; i++)
        {
            var position = origin + pen;
            if (position - origin != pen)
            {
                return false;
            }

            xs[i] = position;
            var advance = scale * advances[i];
            pen += advance;
        }

        if (key != (shaped.Face, size, paint))
        {
            Flush(canvas, fontFor);
            key = (shaped.Face, size, paint);
        }

        for (var i = 0; i < advances.Length; i++)
        {
            glyphs.Add(shaped.Glyphs[i]);
            points.Add(new SKPoint(xs[i], baseline));
        }

        return true;
    }

    /// <summary>Draws and forgets what is pending.</summary>
    public void Flush(SKCanvas canvas, Func<int, float, SKFont> fontFor)
    {
        if (glyphs.Count > 0 && key.Paint is { } paint)
        {
            using var builder = new SKTextBlobBuilder();
            var buffer = builder.AllocatePositionedRun(fontFor(key.Face, key.Size), glyphs.Count);
            glyphs.CopyTo(buffer.Glyphs);
            points.CopyTo(buffer.Positions);
            using var blob = builder.Build();
            if (blob is not null)
            {
                canvas.DrawText(blob, 0, 0, paint);
            }
        }

        glyphs.Clear();
        points.Clear();
        key = default;
    }
}
