using System.Collections;
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
        Shaper = new HarfBuzzSharp.Font(Face);
        Shaper.SetScale(ShapingScale, ShapingScale);
        Coverage = CoverageOf(Typeface);
    }

    public string Name { get; }

    /// <summary>Arabic, Hebrew, Thai and Devanagari need HarfBuzz; Latin and CJK map one character to one glyph.</summary>
    public bool NeedsShaping { get; }

    public SKTypeface Typeface { get; }

    public Face Face { get; }

    /// <summary>Never changed after construction, so threads may shape with it at once (HarfBuzz fonts are thread-safe for reading).</summary>
    public HarfBuzzSharp.Font Shaper { get; }

    public BitArray Coverage { get; }

    public bool Covers(int codePoint) => codePoint <= char.MaxValue && Coverage[codePoint];

    public unsafe void Dispose()
    {
        Shaper.Dispose();
        Face.Dispose();
        blob.Dispose();
        NativeMemory.Free(native);
        Typeface.Dispose();
    }

    // One lookup of the whole Basic Multilingual Plane at start-up turns every later check into a bit test.
    private static BitArray CoverageOf(SKTypeface typeface)
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
