using System.Globalization;
using System.Text;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Embedding levels for one line of invoice text, after the Unicode Bidirectional Algorithm (UAX #9) for a
/// single paragraph without explicit embeddings: rules W1, W4 to W7, N1, N2, I1 and I2. Enough to lay an Arabic
/// or Hebrew name right to left with its numbers left to right inside; .NET has no public bidi API.
/// </summary>
internal static class BidiLevels
{
    private enum Kind : byte
    {
        L,
        R,
        EuropeanNumber,
        ArabicNumber,
        Separator,
        Terminator,
        Mark,
        Neutral,
    }

    /// <summary>True when the text holds any right-to-left letter, so that ordinary lines skip the algorithm.</summary>
    public static bool HasRightToLeft(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsRightToLeft(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One level per rune: even runs left to right, odd runs right to left.</summary>
    public static byte[] Resolve(IReadOnlyList<Rune> runes)
    {
        var kinds = new Kind[runes.Count];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = KindOf(runes[i]);
        }

        // P2/P3: the first strong letter decides the paragraph's direction.
        var paragraph = Array.Find(kinds, k => k is Kind.L or Kind.R) == Kind.R ? Kind.R : Kind.L;

        // W1: a mark takes the kind of what it sits on.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Mark)
            {
                kinds[i] = i == 0 ? paragraph : kinds[i - 1];
            }
        }

        // W4: one separator between two numbers of one kind joins them ("1,234.50").
        for (var i = 1; i + 1 < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Separator && kinds[i - 1] == kinds[i + 1] && kinds[i - 1] is Kind.EuropeanNumber or Kind.ArabicNumber)
            {
                kinds[i] = kinds[i - 1];
            }
        }

        // W5: currency signs and percent next to a European number belong to it ("€ 12", "20%").
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Terminator)
            {
                continue;
            }

            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Terminator)
            {
                end++;
            }

            var touchesNumber = (i > 0 && kinds[i - 1] == Kind.EuropeanNumber) || (end < kinds.Length && kinds[end] == Kind.EuropeanNumber);
            for (var j = i; j < end; j++)
            {
                kinds[j] = touchesNumber ? Kind.EuropeanNumber : Kind.Neutral;
            }

            i = end - 1;
        }

        // W6 and W7: leftover separators are neutral; a European number after left-to-right text is just left to right.
        var lastStrong = paragraph;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Separator)
            {
                kinds[i] = Kind.Neutral;
            }
            else if (kinds[i] is Kind.L or Kind.R)
            {
                lastStrong = kinds[i];
            }
            else if (kinds[i] == Kind.EuropeanNumber && lastStrong == Kind.L)
            {
                kinds[i] = Kind.L;
            }
        }

        // N1/N2: neutrals between two runs of one direction (numbers count as right to left) take it; others the paragraph's.
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Neutral)
            {
                continue;
            }

            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Neutral)
            {
                end++;
            }

            var before = i == 0 ? paragraph : Direction(kinds[i - 1]);
            var after = end == kinds.Length ? paragraph : Direction(kinds[end]);
            var resolved = before == after ? before : paragraph;
            for (var j = i; j < end; j++)
            {
                kinds[j] = resolved;
            }

            i = end - 1;
        }

        // I1/I2: levels from the resolved kinds.
        var baseLevel = paragraph == Kind.R ? 1 : 0;
        var levels = new byte[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            levels[i] = (baseLevel, kinds[i]) switch
            {
                (0, Kind.R) => (byte)1,
                (0, Kind.EuropeanNumber or Kind.ArabicNumber) => (byte)2,
                (0, _) => (byte)0,
                (_, Kind.L or Kind.EuropeanNumber or Kind.ArabicNumber) => (byte)2,
                _ => (byte)1,
            };
        }

        return levels;
    }

    /// <summary>
    /// Rule L2: the visual order of runs given their levels, reversing every stretch at or above each odd-or-higher
    /// level from the highest down to the lowest odd one.
    /// </summary>
    public static int[] VisualOrder(IReadOnlyList<byte> runLevels)
    {
        var order = Enumerable.Range(0, runLevels.Count).ToArray();
        if (runLevels.Count == 0)
        {
            return order;
        }

        var highest = runLevels.Max();
        var lowestOdd = runLevels.Where(l => l % 2 == 1).DefaultIfEmpty((byte)(highest + 1)).Min();
        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (runLevels[order[i]] < level)
                {
                    continue;
                }

                var end = i;
                while (end < order.Length && runLevels[order[end]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        return order;
    }

    private static Kind Direction(Kind kind) => kind is Kind.L ? Kind.L : Kind.R;

    private static bool IsRightToLeft(int c) =>
        c is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF;

    private static Kind KindOf(Rune rune)
    {
        var c = rune.Value;
        if (c is >= '0' and <= '9' or >= 0x06F0 and <= 0x06F9 or >= 0xFF10 and <= 0xFF19)
        {
            return Kind.EuropeanNumber;
        }

        if (c is >= 0x0660 and <= 0x0669 or 0x066B or 0x066C)
        {
            return Kind.ArabicNumber;
        }

        if (c is '+' or '-' or ',' or '.' or '/' or ':' or 0x00A0 or 0x202F or 0x2212)
        {
            return Kind.Separator;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.CurrencySymbol || c is '%' or '#' or 0x00B0 or 0x2030)
        {
            return Kind.Terminator;
        }

        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return Kind.Mark;
        }

        if (IsRightToLeft(c) || c == 0x200F)
        {
            return Kind.R;
        }

        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
            || c == 0x200E
            ? Kind.L
            : Kind.Neutral;
    }
}
