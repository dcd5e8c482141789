using System.Globalization;
using ChatBilling.Core.Money;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Formats an invoice's money, dates, quantities and tax rates for one currency and locale:
/// decimals from the currency (JPY 0, KWD 3), separators and date order from the locale.
/// </summary>
public sealed class InvoiceFormatter
{
    // Keeps a sign or code on the same line as its amount.
    private const char NoBreakSpace = '\u00A0';

    private readonly string sign;
    private readonly bool signIsCode;
    private readonly string numberFormat;

    /// <exception cref="ArgumentException">The currency is not an ISO 4217 code in use, or the locale is not a known culture.</exception>
    public InvoiceFormatter(string currency, string locale)
    {
        if (!Currencies.IsKnown(currency))
        {
            throw new ArgumentException($"Unknown currency '{currency}'.", nameof(currency));
        }

        try
        {
            // predefinedOnly: a mistyped locale must fail loudly instead of formatting like the invariant culture.
            Culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
        }
        catch (CultureNotFoundException e)
        {
            throw new ArgumentException($"Unknown locale '{locale}' (is ICU installed?).", nameof(locale), e);
        }

        sign = CurrencySymbols.For(currency, Culture);
        signIsCode = sign == currency;
        numberFormat = "N" + Currencies.MinorUnits(currency).ToString(CultureInfo.InvariantCulture);
    }

    public CultureInfo Culture { get; }

    /// <summary>An amount with the currency's decimals and the locale's sign placement, e.g. "£1,234.50", "1 234,50 zł", "USD 10.00".</summary>
    public string Money(decimal amount)
    {
        var digits = Math.Abs(amount).ToString(numberFormat, Culture);
        var formatted = Culture.NumberFormat.CurrencyPositivePattern switch
        {
            // 0 "$n" and 2 "$ n" put the sign first; a code always needs the space to stay readable.
            0 when !signIsCode => sign + digits,
            0 or 2 => sign + NoBreakSpace + digits,
            1 when !signIsCode => digits + sign,
            _ => digits + NoBreakSpace + sign,
        };

        // Credits take a leading minus in every locale: plainer on an invoice than accounting brackets.
        return amount < 0 ? Culture.NumberFormat.NegativeSign + formatted : formatted;
    }

    /// <summary>The locale's short date, e.g. "05/03/2026" (en-GB), "05.03.2026" (pl-PL, de-DE).</summary>
    public string Date(DateOnly date) => date.ToString("d", Culture);

    /// <summary>A quantity without padding zeros: "3", "1.5", "0.125".</summary>
    public string Quantity(decimal quantity) => quantity.ToString("#,##0.####", Culture);

    /// <summary>A tax rate given as a fraction, shown as a percentage with only the decimals it needs: 0.2 → "20%", 0.055 → "5.5%".</summary>
    public string Percent(decimal rate)
    {
        var percent = rate * 100m;
        var decimals = 0;
        while (decimals < 2 && percent != Math.Round(percent, decimals))
        {
            decimals++;
        }

        // .NET's "n %" patterns (de-DE, fr-FR) use a plain space, which could strand the sign on its own line.
        return rate.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), Culture).Replace(' ', NoBreakSpace);
    }
}
