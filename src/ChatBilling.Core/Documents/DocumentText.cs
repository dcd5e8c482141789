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
    private SKTypeface[]? subsets;
    private bool collecting;

    /// <summary>Text the fonts can draw: missing characters become U+FFFD.</summary>
    public string Drawable(string text) => shaper.Fonts.Drawable(text);

    /// <summary>Width in points at <paramref name="size"/>.</summary>
    public float Measure(string text, float size) => shaper.Measure(text) * size;

    /// <summary>While on, <see cref="Draw"/> only notes the glyphs it would draw.</summary>
    public void Collect(bool on) => collecting = on;

    /// <summary>Replaces each used face by a subset holding only the glyphs noted while collecting.</summary>
    public void UseSubsets()
    {
        DisposeFonts();
        subsets = new SKTypeface[typefaces.Length];
        for (var i = 0; i < typefaces.Length; i++)
        {
            if (usedGlyphs[i].Count == 0)
            {
                continue;
            }

            var bytes = HarfBuzzSubsetter.Subset(shaper.Fonts.Faces[i].Face, usedGlyphs[i], usedCodePoints[i]);
            subsets[i] = SKTypeface.FromData(SKData.CreateCopy(bytes))
                ?? throw new InvalidOperationException($"The subset of {shaper.Fonts.Faces[i].Name} could not be read.");
            typefaces[i] = subsets[i];
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

        using var builder = new SKTextBlobBuilder();
        foreach (var run in shaped.Runs)
        {
            var buffer = builder.AllocatePositionedTextRun(FontFor(run.Face, size), run.Glyphs.Length, run.Utf8.Length);
            run.Glyphs.CopyTo(buffer.Glyphs);
            run.Utf8.CopyTo(buffer.Text);
            run.Clusters.CopyTo(buffer.Clusters);
            var points = buffer.Positions;
            for (var i = 0; i < run.Glyphs.Length; i++)
            {
                points[i] = new SKPoint(run.X[i] * size, run.Y[i] * size);
            }
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, left, baseline, paint);
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
