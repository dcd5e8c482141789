using System.Globalization;
using ChatBilling.Core.Documents;

namespace ChatBilling.Core.Conversations;

/// <summary>Amounts, dates and instants in the asker's locale; English (en-GB) when the locale is unset or unknown.</summary>
public sealed class AnswerFormat
{
    public const string DefaultLocale = "en-GB";
    private readonly Dictionary<string, InvoiceFormatter> byCurrency = new(StringComparer.Ordinal);
    private readonly string locale;

    private AnswerFormat(string locale, CultureInfo culture) => (this.locale, Culture) = (locale, culture);

    public CultureInfo Culture { get; }

    public static AnswerFormat For(string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(locale.Trim().Replace('_', '-'), predefinedOnly: true);
                // A neutral "en" or "de" formats like its most common country.
                if (culture.IsNeutralCulture) culture = CultureInfo.CreateSpecificCulture(culture.Name);
                if (!culture.IsNeutralCulture && culture.Name.Length > 0) return new(culture.Name, CultureInfo.GetCultureInfo(culture.Name));
            }
            catch (CultureNotFoundException)
            {
                // An unknown locale from a chat client is no reason to fail the answer: English it is.
            }
        }
        return new(DefaultLocale, CultureInfo.GetCultureInfo(DefaultLocale));
    }

    public string Money(decimal amount, string currency)
    {
        if (!byCurrency.TryGetValue(currency, out var formatter))
        {
            formatter = new InvoiceFormatter(currency, locale);
            byCurrency[currency] = formatter;
        }
        return formatter.Money(amount);
    }

    /// <summary>A bare number in the locale, for an amount filter with no currency ("over 10,000").</summary>
    public string Number(decimal amount) => amount.ToString(decimal.IsInteger(amount) ? "N0" : "N2", Culture);

    public string Date(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public string ShortDate(DateOnly date) => date.ToString("ddd d MMM", Culture);

    public string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM HH:mm", Culture) + " UTC";
}
