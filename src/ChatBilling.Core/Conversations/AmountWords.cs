using System.Globalization;
using System.Text.RegularExpressions;
using ChatBilling.Core.Money;

namespace ChatBilling.Core.Conversations;

internal enum Comparison { Above, AtLeast, Below, AtMost, Between }

/// <summary>An amount as said: "€10k", "5,000 EUR", "1.5m"; the currency when one was named.</summary>
internal sealed record SaidAmount(decimal Amount, string? Currency, int Used);

/// <summary>Comparisons and amounts: "over 10k", "above 5,000", "under €500", "between 1k and 5k", "10k+".</summary>
internal static partial class AmountWords
{
    private static readonly (string Phrase, Comparison Comparison)[] Comparators =
    [
        ("more than", Comparison.Above), ("greater than", Comparison.Above), ("bigger than", Comparison.Above),
        ("larger than", Comparison.Above), ("higher than", Comparison.Above), ("older than", Comparison.Above),
        ("in excess of", Comparison.Above), ("over", Comparison.Above), ("above", Comparison.Above), ("exceeding", Comparison.Above),
        ("beyond", Comparison.Above), (">", Comparison.Above), (">=", Comparison.AtLeast), ("at least", Comparison.AtLeast),
        ("min", Comparison.AtLeast), ("minimum", Comparison.AtLeast), ("no less than", Comparison.AtLeast),
        ("less than", Comparison.Below), ("smaller than", Comparison.Below), ("lower than", Comparison.Below),
        ("cheaper than", Comparison.Below), ("under", Comparison.Below), ("below", Comparison.Below), ("<", Comparison.Below),
        ("<=", Comparison.AtMost), ("at most", Comparison.AtMost), ("max", Comparison.AtMost), ("maximum", Comparison.AtMost),
        ("up to", Comparison.AtMost), ("no more than", Comparison.AtMost), ("between", Comparison.Between), ("from", Comparison.Between),
    ];

    private static readonly Dictionary<string, decimal> Multipliers = new()
    {
        ["k"] = 1_000m, ["thousand"] = 1_000m, ["grand"] = 1_000m, ["m"] = 1_000_000m, ["mio"] = 1_000_000m, ["million"] = 1_000_000m,
        ["mil"] = 1_000_000m,
    };

    /// <summary>A comparison word or phrase at <paramref name="at"/>.</summary>
    public static (Comparison Comparison, int Used)? Comparator(IReadOnlyList<QuestionWord> words, int at)
    {
        foreach (var (phrase, comparison) in Comparators)
        {
            var parts = phrase.Split(' ');
            if (at + parts.Length > words.Count) continue;
            if (parts.Select((p, k) => words[at + k].Text == p).All(x => x)) return (comparison, parts.Length);
        }
        return null;
    }

    /// <summary>An amount at <paramref name="at"/>: optional currency, a number with an optional k/m, optional currency.</summary>
    public static SaidAmount? Amount(IReadOnlyList<QuestionWord> words, int at)
    {
        var i = at;
        var currency = i < words.Count ? CurrencyOf(words[i].Text) : null;
        if (currency is not null) i++;
        if (i >= words.Count || Number(words[i].Text) is not { } amount) return null;
        i++;
        if (i < words.Count && Multipliers.TryGetValue(words[i].Text, out var times)) { amount *= times; i++; }
        if (currency is null && i < words.Count && CurrencyOf(words[i].Text) is { } after) { currency = after; i++; }
        return new(amount, currency, i - at);
    }

    /// <summary>"10k", "1.5m", "5,000", "5.000", "1.234,56", "10'000", "2,5k"; null when the word is no number.</summary>
    public static decimal? Number(string word)
    {
        var m = NumberShape().Match(word);
        if (!m.Success) return null;
        var digits = m.Groups["n"].Value;
        if (!TryPlain(digits, out var value)) return null;
        return m.Groups["s"].Value switch { "k" => value * 1_000m, "m" or "mio" => value * 1_000_000m, _ => value };
    }

    public static bool IsDayUnit(string word) => word is "day" or "days" or "d";

    public static bool IsWeekUnit(string word) => word is "week" or "weeks" or "wk" or "wks";

    /// <summary>A currency named by sign, ISO code or word; codes that are also English words ("all", "try") only as signs of amounts.</summary>
    public static string? CurrencyOf(string word)
    {
        if (word is "€") return "EUR";
        if (word is "$") return "USD";
        if (word is "£") return "GBP";
        if (word is "¥") return "JPY";
        var upper = word.ToUpperInvariant();
        return word.Length == 3 && Currencies.IsKnown(upper) && !EnglishWords.Contains(word) ? upper : null;
    }

    private static readonly HashSet<string> EnglishWords = ["all", "try", "top", "cup", "mad", "bob", "sos", "php", "gel", "mop", "lak", "ern"];

    // Separators: when both , and . appear the last is the decimal point; a single kind followed by exactly three digits
    // (once or more) groups thousands ("5,000", "5.000"), otherwise it is the decimal point ("2,5", "1.5").
    private static bool TryPlain(string digits, out decimal value)
    {
        var s = digits.Replace("'", "");
        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            var point = Math.Max(lastComma, lastDot);
            s = s[..point].Replace(",", "").Replace(".", "") + "." + s[(point + 1)..];
        }
        else if (lastComma >= 0 || lastDot >= 0)
        {
            var sep = lastComma >= 0 ? ',' : '.';
            var groups = s.Split(sep);
            s = groups.Length > 2 || groups[^1].Length == 3 ? string.Concat(groups) : string.Join('.', groups);
        }
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(?<n>\d[\d,.']*)(?<s>k|m|mio)?$")]
    private static partial Regex NumberShape();
}
