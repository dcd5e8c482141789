using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Measures and draws one document's text. Layout happens against the full embedded fonts; a PDF then swaps in
/// per-document subsets (<see cref="UseSubsets"/>) after a dry run has noted every glyph drawn, so the file
/// embeds only those glyphs while every position stays exactly as measured.
/// </summary>
internal sealed class DocumentText(TextShaper shaper) : IDisposable
{
    private readonly Dictionary<(int Face, float Size), SKFont> skFonts = [];
    private readonly HashSet<ushort>[] usedGlyphs = [.. shaper.Fonts.Faces.Select(_ => new HashSet<ushort>())];
    private readonly HashSet<int>[] usedCodePoints = [.. shaper.Fonts.Faces.Select(_ => new HashSet<int>())];
    private SKTypeface[] typefaces = [.. shaper.Fonts.Faces.Select(f => f.Typeface)];
    private readonly TextBatch batch = new();
    private SKTypeface?[]? subsets;
    private bool collecting;
    private bool batching;

    /// <summary>Text the fonts can draw: missing characters become U+FFFD.</summary>
    public string Drawable(string text) => shaper.Fonts.Drawable(text);

    /// <summary>Width in points at <paramref name="size"/>.</summary>
    public float Measure(string text, float size) => shaper.Measure(text) * size;

    /// <summary>While on, <see cref="Draw"/> only notes the glyphs it would draw.</summary>
    public void Collect(bool on) => collecting = on;

    /// <summary>From here to <see cref="EndPage"/>, plain text is gathered into one run per font (see <see cref="TextBatch"/>).</summary>
    public void BeginPage() => batching = !collecting;

    /// <summary>Draws the text gathered since <see cref="BeginPage"/>.</summary>
    public void EndPage(SKCanvas canvas)
    {
        if (batching)
        {
            batch.Flush(canvas, FontFor);
        }

        batching = false;
    }

    /// <summary>Replaces each used face by a subset holding only the glyphs noted while collecting.</summary>
    public void UseSubsets()
    {
        DisposeFonts();
        subsets = new SKTypeface?[typefaces.Length];
        for (var i = 0; i < typefaces.Length; i++)
        {
            if (usedGlyphs[i].Count == 0)
            {
                continue;
            }

            var (subset, owned) = shaper.Fonts.Faces[i].Subset(usedGlyphs[i], usedCodePoints[i]);
            subsets[i] = owned ? subset : null;
            typefaces[i] = subset;
        }
    }

    public void Draw(SKCanvas? canvas, string text, float x, float baseline, SKTextAlign align, float size, SKPaint paint)
    {
        if (canvas is null || text.Length == 0)
        {
            return;
        }

        var shaped = shaper.Shape(text);
        if (collecting)
        {
            Note(shaped);
            return;
        }

        var left = align switch
        {
            SKTextAlign.Right => x - shaped.Width * size,
            SKTextAlign.Center => x - shaped.Width * size / 2,
            _ => x,
        };

        foreach (var run in shaped.Runs)
        {
            if (run.Advances is { } advances)
            {
                if (batching && batch.TryAdd(canvas, FontFor, run, advances, left + run.X[0] * size, baseline, size, shaper.Fonts.Faces[run.Face].UnitsPerEm, paint))
                {
                    continue;
                }

                batch.Flush(canvas, FontFor);
                DrawAdvancing(canvas, run, advances, left + run.X[0] * size, baseline, size, paint);
            }
            else
            {
                batch.Flush(canvas, FontFor);
                DrawPositioned(canvas, run, left, baseline, size, paint);
            }
        }
    }

    public void Dispose()
    {
        DisposeFonts();
        foreach (var subset in subsets ?? [])
        {
            subset?.Dispose();
        }
    }

    // Skia's PDF writer (src/pdf/SkPDFDevice.cpp, GlyphPositioner::writeGlyph) writes a glyph into the current
    // string only when its position equals, as a float, the sum of the previous advances it computed as
    // (size / unitsPerEm) * advance; any other position costs a "Td" move and a new string per glyph, doubling the
    // content and its writing time. So a run of plain advances starts at its own origin and every position is that
    // same float sum, in the same order.
    private void DrawAdvancing(SKCanvas canvas, ShapedRun run, ushort[] advances, float x, float baseline, float size, SKPaint paint)
    {
        var scale = size * 1f / shaper.Fonts.Faces[run.Face].UnitsPerEm;
        var pen = 0f;
        DrawRun(canvas, run, x, baseline, size, paint, i =>
        {
            var at = new SKPoint(pen, 0f);
            pen += scale * advances[i];
            return at;
        });
    }

    // Shaped runs carry their own offsets (marks, kerning), so each glyph goes where HarfBuzz put it.
    private void DrawPositioned(SKCanvas canvas, ShapedRun run, float left, float baseline, float size, SKPaint paint) =>
        DrawRun(canvas, run, left, baseline, size, paint, i => new SKPoint(run.X[i] * size, run.Y[i] * size));

    /// <summary>One text blob for the run, glyph <c>i</c> at <paramref name="position"/>(i), called in glyph order.</summary>
    private void DrawRun(SKCanvas canvas, ShapedRun run, float x, float baseline, float size, SKPaint paint, Func<int, SKPoint> position)
    {
        using var builder = new SKTextBlobBuilder();
        var buffer = builder.AllocatePositionedTextRun(FontFor(run.Face, size), run.Glyphs.Length, run.Utf8.Length);
        run.Glyphs.CopyTo(buffer.Glyphs);
        run.Utf8.CopyTo(buffer.Text);
        run.Clusters.CopyTo(buffer.Clusters);
        var points = buffer.Positions;
        for (var i = 0; i < run.Glyphs.Length; i++) points[i] = position(i);
        using var blob = builder.Build();
        if (blob is not null) canvas.DrawText(blob, x, baseline, paint);
    }

    private void Note(ShapedText shaped)
    {
        foreach (var run in shaped.Runs)
        {
            usedGlyphs[run.Face].UnionWith(run.Glyphs);
            foreach (var rune in System.Text.Encoding.UTF8.GetString(run.Utf8).EnumerateRunes())
            {
                usedCodePoints[run.Face].Add(rune.Value);
            }
        }
    }

    private SKFont FontFor(int face, float size)
    {
        if (!skFonts.TryGetValue((face, size), out var font))
        {
            // Subpixel positioning and no hinting keep measured widths identical between the PDF and the PNG.
            font = new SKFont(typefaces[face], size) { Subpixel = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias, LinearMetrics = true };
            skFonts[(face, size)] = font;
        }

        return font;
    }

    private void DisposeFonts()
    {
        foreach (var font in skFonts.Values)
        {
            font.Dispose();
        }

        skFonts.Clear();
    }
}
