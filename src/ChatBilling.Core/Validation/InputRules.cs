namespace ChatBilling.Core.Validation;

/// <summary>
/// The ranges every input is held to, chosen so that SQLite (decimals as text, dates as text) and PostgreSQL
/// (<c>numeric(19,4)</c>, <c>date</c>, UTF-8 <c>text</c>) store exactly the same value or refuse the same input:
/// nothing is rounded, truncated or refused by the database after validation said yes.
/// </summary>
public static class InputRules
{
    /// <summary>The business range of every date: far from both ends of <see cref="DateOnly"/>, so date arithmetic and time zones never overflow.</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1);
    public static readonly DateOnly MaxDate = new(2099, 12, 31);

    /// <summary>The scale of every money and quantity column (<c>HavePrecision(19, 4)</c> in the store).</summary>
    public const int Scale = 4;

    /// <summary>
    /// Line amounts, tax and totals stay below this. The columns hold 15 integer digits; a trillion leaves room for the
    /// sums of payments and reports built from them.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>What the columns can hold at all (19 digits, 4 after the point).</summary>
    public const decimal MaxStored = 999_999_999_999_999.9999m;

    public static bool InRange(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static string DateMessage(string field) =>
        $"{field} must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.";

    /// <summary>True when the value keeps its exact digits in a column of <see cref="Scale"/> decimals.</summary>
    public static bool FitsScale(decimal value) => decimal.Round(value, Scale) == value;

    public static string ScaleMessage(string field) => $"{field} has at most {Scale} decimal places.";

    /// <summary>
    /// True when PostgreSQL's UTF-8 text takes the string as it is: no NUL character (refused by PostgreSQL, kept by
    /// SQLite) and no lone UTF-16 surrogate (no UTF-8 form exists, so the driver refuses to encode it).
    /// </summary>
    public static bool IsStorableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    public static string TextMessage(string field) =>
        $"{field} contains a character that cannot be stored (a NUL or a broken surrogate pair).";

    /// <summary>Adds the text error for <paramref name="field"/> when <paramref name="text"/> is set and not storable.</summary>
    public static void CheckText(IDictionary<string, string[]> errors, string field, string? text)
    {
        if (text is not null && !IsStorableText(text)) errors.TryAdd(field, [TextMessage(field)]);
    }

    /// <summary>Adds the date error for <paramref name="field"/> when <paramref name="date"/> is set and out of range.</summary>
    public static void CheckDate(IDictionary<string, string[]> errors, string field, DateOnly? date)
    {
        if (date is { } d && !InRange(d)) errors.TryAdd(field, [DateMessage(field)]);
    }
}
