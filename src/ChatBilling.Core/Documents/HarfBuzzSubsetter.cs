using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Cuts a font down to the glyphs one document uses, with HarfBuzz's subsetter (hb-subset). HarfBuzzSharp ships
/// the native library with hb-subset compiled in but no managed wrapper for it, so the few C functions are
/// imported here; signatures follow harfbuzz/src/hb-subset.h.
/// </summary>
internal static partial class HarfBuzzSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    // hb_subset_flags_t (hb-subset.h): PDFs scale, so hints are dead weight; retained glyph ids let the
    // document be laid out against the full font and drawn with the subset unchanged.
    private const uint NoHinting = 0x1;
    private const uint RetainGids = 0x2;
    private const uint NoLayoutClosure = 0x200;

    // hb_subset_sets_t: HB_SUBSET_SETS_DROP_TABLE_TAG.
    private const int DropTableTagSet = 3;

    // Text is shaped before subsetting, so the layout and naming tables no longer do anything in the PDF.
    private static readonly string[] DroppedTables = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG"];

    /// <summary>The font file holding only <paramref name="glyphs"/> (ids unchanged) and the cmap entries of <paramref name="codePoints"/>.</summary>
    public static byte[] Subset(Face face, IEnumerable<ushort> glyphs, IEnumerable<int> codePoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        }

        try
        {
            var glyphSet = hb_subset_input_glyph_set(input);
            foreach (var glyph in glyphs)
            {
                hb_set_add(glyphSet, glyph);
            }

            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints)
            {
                hb_set_add(unicodes, (uint)codePoint);
            }

            var drop = hb_subset_input_set(input, DropTableTagSet);
            foreach (var table in DroppedTables)
            {
                hb_set_add(drop, Tag.Parse(table));
            }

            hb_subset_input_set_flags(input, NoHinting | RetainGids | NoLayoutClosure);
            var subset = hb_subset_or_fail(face.Handle, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException("HarfBuzz could not subset an invoice font.");
            }

            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    var bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
                    return bytes;
                }
                finally
                {
                    hb_blob_destroy(blob);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);

            // The native face must outlive the call even if the caller drops its last reference meanwhile.
            GC.KeepAlive(face);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_glyph_set(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    private static partial void hb_set_add(IntPtr set, uint codePoint);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);
}
