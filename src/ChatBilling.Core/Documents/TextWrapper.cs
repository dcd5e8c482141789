using System.Globalization;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Greedy word wrapping by shaped width; a word wider than a line (a long number, or CJK and Thai text, which
/// use no spaces) is broken between user-perceived characters, never inside one.
/// </summary>
internal static class TextWrapper
{
    /// <summary>Drawable lines of the text, honouring the caller's own line breaks.</summary>
    public static List<string> Wrap(string text, InvoiceStyle style, float size, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            // Per paragraph, because the font guard turns line breaks into spaces.
            WrapParagraph(style.Drawable(paragraph.TrimEnd()), style, size, width, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, InvoiceStyle style, float size, float width, List<string> lines)
    {
        var spaceWidth = style.Measure(" ", size);
        int start = 0, end = 0, position = 0;
        var lineWidth = 0f;
        var empty = true;
        foreach (var word in paragraph.Split(' '))
        {
            var wordStart = position;
            position += word.Length + 1;
            var wordWidth = style.Measure(word, size);
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
                var fits = Fitting(paragraph.AsSpan(start, end - start).ToString(), style, size, width);
                lines.Add(paragraph.Substring(start, fits));
                start += fits;
                lineWidth = style.Measure(paragraph[start..end], size);
            }
        }

        lines.Add(paragraph[start..end]);
    }

    // The longest run of whole text elements that fits, at least one; binary search keeps shaping calls few.
    private static int Fitting(string word, InvoiceStyle style, float size, float width)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(word);
        int low = 1, high = boundaries.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (style.Measure(word[..boundaries[middle]], size) <= width)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high >= 1 ? boundaries[high] : boundaries.Length > 1 ? boundaries[1] : word.Length;
    }
}
