namespace ChatBilling.Core.Documents;

/// <summary>
/// A stretch of one line in one face and one direction, shaped: glyph ids of the full embedded font, their
/// positions in ems from the line's left edge, and for each glyph the byte offset of its characters in
/// <see cref="Utf8"/>, which lets the PDF carry the real text (ActualText) for glyphs such as Arabic joining forms.
/// </summary>
internal sealed record ShapedRun(int Face, ushort[] Glyphs, float[] X, float[] Y, uint[] Clusters, byte[] Utf8);

/// <summary>A line of text ready to draw at any size: runs in visual order, left to right, and the width in ems.</summary>
internal sealed record ShapedText(IReadOnlyList<ShapedRun> Runs, float Width)
{
    public static readonly ShapedText Empty = new([], 0f);
}
