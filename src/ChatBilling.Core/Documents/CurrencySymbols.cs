using System.Collections.Frozen;
using System.Globalization;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Which sign to print for a currency. A sign is used only where a reader cannot mistake it:
/// signs owned by one currency everywhere, or a shared sign ($, ¥, kr) in its home locale.
/// Everything else prints its ISO code, which is never wrong.
/// </summary>
internal static class CurrencySymbols
{
    // Signs that belong to a single currency, whatever the reader's locale.
    private static readonly FrozenDictionary<string, string> Unique = new Dictionary<string, string>
    {
        ["EUR"] = "€", ["GBP"] = "£", ["INR"] = "₹", ["RUB"] = "₽", ["TRY"] = "₺", ["UAH"] = "₴",
        ["KRW"] = "₩", ["ILS"] = "₪", ["NGN"] = "₦", ["PHP"] = "₱", ["VND"] = "₫", ["KZT"] = "₸",
    }.ToFrozenDictionary();

    // Signs shared between currencies (or plain abbreviations), clear only in the currency's own country.
    private static readonly FrozenDictionary<string, string> Local = new Dictionary<string, string>
    {
        ["USD"] = "$", ["CAD"] = "$", ["AUD"] = "$", ["NZD"] = "$", ["MXN"] = "$", ["SGD"] = "$",
        ["HKD"] = "$", ["BRL"] = "R$", ["JPY"] = "¥", ["CNY"] = "¥", ["PLN"] = "zł", ["CZK"] = "Kč",
        ["HUF"] = "Ft", ["SEK"] = "kr", ["NOK"] = "kr", ["DKK"] = "kr", ["ZAR"] = "R",
    }.ToFrozenDictionary();

    /// <summary>Every sign this table may print, so a test can prove the embedded font draws them all.</summary>
    public static IEnumerable<string> All => Unique.Values.Concat(Local.Values);

    public static string For(string currency, CultureInfo culture)
    {
        if (Unique.TryGetValue(currency, out var sign))
        {
            return sign;
        }

        return HomeCurrency(culture) == currency && Local.TryGetValue(currency, out sign) ? sign : currency;
    }

    private static string? HomeCurrency(CultureInfo culture)
    {
        // Neutral cultures ("en") name no country, hence no home currency.
        if (culture.IsNeutralCulture || culture.Name.Length == 0)
        {
            return null;
        }

        return new RegionInfo(culture.Name).ISOCurrencySymbol;
    }
}
