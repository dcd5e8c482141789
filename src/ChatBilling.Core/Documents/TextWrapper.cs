using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>Greedy word wrapping by measured width; words wider than a line are broken between characters.</summary>
internal static class TextWrapper
{
    /// <summary>Drawable lines of the text, honouring the caller's own line breaks.</summary>
    public static List<string> Wrap(string text, InvoiceStyle style, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            // Per paragraph, because the font guard turns line breaks into spaces.
            WrapParagraph(style.Drawable(paragraph.TrimEnd()), font, width, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, SKFont font, float width, List<string> lines)
    {
        // Without shaping, glyph advances simply add up, so words can be measured once each.
        var spaceWidth = font.MeasureText(" ");
        int start = 0, end = 0, position = 0;
        var lineWidth = 0f;
        var empty = true;
        foreach (var word in paragraph.Split(' '))
        {
            var wordStart = position;
            position += word.Length + 1;
            var wordWidth = font.MeasureText(word);
            if (!empty && lineWidth + spaceWidth + wordWidth <= width)
            {
                lineWidth += spaceWidth + wordWidth;
                end = wordStart + word.Length;
                continue;
            }

            if (!empty)
            {
                lines.Add(paragraph[start..end]);
            }

            (start, end, lineWidth, empty) = (wordStart, wordStart + word.Length, wordWidth, false);
            while (lineWidth > width)
            {
                var fits = Math.Max(1, font.BreakText(paragraph.AsSpan(start, end - start), width));
                lines.Add(paragraph.Substring(start, fits));
                start += fits;
                lineWidth = font.MeasureText(paragraph.AsSpan(start, end - start));
            }
        }

        lines.Add(paragraph[start..end]);
    }
}
