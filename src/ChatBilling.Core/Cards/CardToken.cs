using System.Text;

namespace ChatBilling.Core.Cards;

internal enum CardTokenKind { Number, String, Name, Symbol, End }

/// <summary>One token of a binding expression; <see cref="Read"/> splits an expression and ends the list with End.</summary>
internal readonly record struct CardToken(CardTokenKind Kind, string Text, int Position)
{
    // Longest first, so that "<=" is not read as "<" followed by "=".
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ".", "[", "]"];

    public static List<CardToken> Read(string text)
    {
        var tokens = new List<CardToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '-' && NextIsDigit(text, i) && !FollowsValue(tokens)))
                tokens.Add(new(CardTokenKind.Number, ReadNumber(text, ref i), start));
            else if (c is '\'' or '"')
                tokens.Add(new(CardTokenKind.String, ReadString(text, ref i), start));
            else if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '$')) i++;
                tokens.Add(new(CardTokenKind.Name, text[start..i], start));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new(CardTokenKind.Symbol, symbol, start));
            }
            else throw new FormatException($"Card expression '{text}': unexpected '{c}' at position {i}.");
        }
        tokens.Add(new(CardTokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool NextIsDigit(string text, int i) => i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);

    // There is no subtraction, so '-' before a digit is a sign unless it would follow a value ("a -1" stays an error).
    private static bool FollowsValue(List<CardToken> tokens) =>
        tokens.Count > 0 && tokens[^1] is { Kind: not CardTokenKind.Symbol } or { Text: ")" or "]" };

    private static string ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-') i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        return text[start..i];
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            // A backslash takes the next character literally, so a quote can sit inside a string of its kind.
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            value.Append(text[i++]);
        }
        if (i >= text.Length) throw new FormatException($"Card expression '{text}': unterminated string.");
        i++;
        return value.ToString();
    }
}
