using ChatBilling.Core.Documents;

namespace ChatBilling.Core.Cards;

/// <summary>How amounts, dates and ages read in chat: the team's language (en-GB), not the client's.</summary>
public static class ChatFormat
{
    private const string Locale = "en-GB";

    public static string Money(decimal amount, string currency) => new InvoiceFormatter(currency, Locale).Money(amount);

    /// <summary>
    /// <see cref="Money"/>, or the bare number and code when the currency is one this build does not know: for the exception
    /// queue, which must show exactly the rows that could not be formatted elsewhere.
    /// </summary>
    public static string MoneyOrPlain(decimal amount, string currency) => Core.Money.Currencies.IsKnown(currency)
        ? Money(amount, currency)
        : $"{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {currency}";

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo(Locale));

    public static string When(DateTimeOffset at) => at.ToString("d MMM HH:mm", System.Globalization.CultureInfo.GetCultureInfo(Locale)) + " UTC";

    /// <summary>"45 min", "3 h", "2 d": precise enough to see what waits too long.</summary>
    public static string Age(TimeSpan age) => age.TotalHours < 1 ? $"{Math.Max(0, (int)age.TotalMinutes)} min"
        : age.TotalDays < 2 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} d";

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    public static IReadOnlyList<CurrencyTotal> Totals(IEnumerable<(string Currency, decimal Amount)> amounts) =>
        amounts.GroupBy(a => a.Currency).OrderBy(g => g.Key)
            .Select(g => new CurrencyTotal(g.Key, Money(g.Sum(a => a.Amount), g.Key))).ToList();
}
