using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// One font shipped inside the assembly, opened once for the process: HarfBuzz's face (shaping and subsetting),
/// Skia's typeface of the whole font (the preview and plain lookups) and which BMP characters it draws.
/// </summary>
internal sealed class EmbeddedFace : IDisposable
{
    /// <summary>HarfBuzz font units per em used for shaping; positions come back in these units.</summary>
    public const int ShapingScale = 1 << 16;

    // Subsets already made, by glyph set. Invoices of one seller repeat the same glyphs, and a cached subset also
    // keeps Skia's glyph cache for it warm; output is unchanged, since a subset depends only on its glyph set.
    // Bounded: past the limit a subset is made for its document alone.
    private const int SubsetCacheLimit = 256;
    private readonly ConcurrentDictionary<string, SKTypeface> subsets = new(StringComparer.Ordinal);

    private readonly Blob blob;
    private readonly unsafe void* native;

    public unsafe EmbeddedFace(string fileName, bool needsShaping)
    {
        var resource = "ChatBilling.Core.Documents.Fonts." + fileName;
        using var stream = typeof(EmbeddedFace).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded font '{resource}' is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        Name = fileName;
        NeedsShaping = needsShaping;
        Typeface = SKTypeface.FromData(SKData.CreateCopy(bytes))
            ?? throw new InvalidOperationException($"Embedded font '{resource}' could not be read.");
        // HarfBuzz reads the font in place for the life of the process, so it gets memory of its own that the GC
        // never moves or frees; Blob.FromStream's buffer was released under a running hb_subset (segfault).
        native = NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        blob = new Blob((IntPtr)native, bytes.Length, MemoryMode.ReadOnly);
        blob.MakeImmutable();
        Face = new Face(blob, 0);
        Face.MakeImmutable();
        UnitsPerEm = Face.UnitsPerEm;
        Shaper = new HarfBuzzSharp.Font(Face);
        Shaper.SetScale(ShapingScale, ShapingScale);
        (Coverage, FirstCodePoints) = CoverageOf(Typeface);
    }

    public string Name { get; }

    /// <summary>Arabic, Hebrew, Thai and Devanagari need HarfBuzz; Latin and CJK map one character to one glyph.</summary>
    public bool NeedsShaping { get; }

    public SKTypeface Typeface { get; }

    /// <summary>The font's design grid; glyph advances are whole numbers of these units.</summary>
    public int UnitsPerEm { get; }

    public Face Face { get; }

    /// <summary>Never changed after construction, so threads may shape with it at once (HarfBuzz fonts are thread-safe for reading).</summary>
    public HarfBuzzSharp.Font Shaper { get; }

    public BitArray Coverage { get; }

    /// <summary>
    /// For each glyph, the lowest BMP code point the font maps to it (0 if none): the character a PDF reader is
    /// told the glyph stands for, since Skia's ToUnicode map takes the first character mapped to a glyph
    /// (SkTypeface_FreeType::getGlyphToUnicodeMap, "Use the first character that maps to this glyphID").
    /// </summary>
    public ushort[] FirstCodePoints { get; }

    public bool Covers(int codePoint) => codePoint <= char.MaxValue && Coverage[codePoint];

    /// <summary>
    /// This font cut down to <paramref name="glyphs"/> (ids unchanged) and the characters drawn with them; Owned
    /// is true when the caller must dispose it, false when the face keeps it for later documents.
    /// </summary>
    public (SKTypeface Typeface, bool Owned) Subset(IReadOnlyCollection<ushort> glyphs, IReadOnlyCollection<int> codePoints)
    {
        // Every code point drawn is in the BMP (see Covers), so one char each makes an exact key.
        var key = string.Create(1 + glyphs.Count + codePoints.Count, (glyphs, codePoints), static (span, sets) =>
        {
            span[0] = (char)sets.glyphs.Count;
            var i = 1;
            foreach (var glyph in sets.glyphs.Order()) span[i++] = (char)glyph;
            foreach (var codePoint in sets.codePoints.Order()) span[i++] = (char)codePoint;
        });
        if (subsets.TryGetValue(key, out var cached))
        {
            return (cached, false);
        }

        var typeface = SKTypeface.FromData(SKData.CreateCopy(HarfBuzzSubsetter.Subset(Face, glyphs, codePoints)))
            ?? throw new InvalidOperationException($"The subset of {Name} could not be read.");
        if (subsets.Count >= SubsetCacheLimit || !subsets.TryAdd(key, typeface))
        {
            return (typeface, true);
        }

        return (typeface, false);
    }

    public unsafe void Dispose()
    {
        foreach (var subset in subsets.Values)
        {
            subset.Dispose();
        }

        Shaper.Dispose();
        Face.Dispose();
        blob.Dispose();
        NativeMemory.Free(native);
        Typeface.Dispose();
    }

    // One lookup of the whole Basic Multilingual Plane at start-up turns every later check into a bit test.
    private static (BitArray Coverage, ushort[] FirstCodePoints) CoverageOf(SKTypeface typeface)
    {
        var codePoints = new int[char.MaxValue + 1];
        for (var i = 0; i < codePoints.Length; i++)
        {
            codePoints[i] = i;
        }

        using var font = new SKFont(typeface);
        var glyphs = font.GetGlyphs(codePoints);
        var covered = new BitArray(codePoints.Length);
        var first = new ushort[typeface.GlyphCount];
        for (var i = 0; i < glyphs.Length; i++)
        {
            // Lone surrogates are never drawable; control characters map to glyphs without ink.
            covered[i] = glyphs[i] != 0 && !char.IsSurrogate((char)i) && !char.IsControl((char)i);
            if (glyphs[i] != 0 && glyphs[i] < first.Length && first[glyphs[i]] == 0)
            {
                first[glyphs[i]] = (ushort)i;
            }
        }

        return (covered, first);
    }
}
