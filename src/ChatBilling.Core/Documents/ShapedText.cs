namespace ChatBilling.Core.Documents;

/// <summary>
/// A stretch of one line in one face and one direction, shaped: glyph ids of the full embedded font, their
/// positions in ems from the line's left edge, and for each glyph the byte offset of its characters in
/// <see cref="Utf8"/>, which lets the PDF carry the real text (ActualText) for glyphs such as Arabic joining forms.
/// <see cref="Advances"/> holds each glyph's advance in font units when the run is nothing but those advances
/// (Latin, CJK), so it can be drawn at exactly the positions Skia's PDF writer expects (see <see cref="DocumentText"/>);
/// <see cref="GlyphsTellText"/> is true when every glyph's first mapped character is the one it stands for, so a PDF
/// reader gets the text back from the glyphs alone.
/// </summary>
internal sealed record ShapedRun(int Face, ushort[] Glyphs, float[] X, float[] Y, uint[] Clusters, byte[] Utf8, ushort[]? Advances = null, bool GlyphsTellText = false);

/// <summary>A line of text ready to draw at any size: runs in visual order, left to right, and the width in ems.</summary>
internal sealed record ShapedText(IReadOnlyList<ShapedRun> Runs, float Width)
{
    public static readonly ShapedText Empty = new([], 0f);
}
