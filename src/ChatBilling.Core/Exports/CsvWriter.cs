using System.Globalization;
using System.Text;
using Currencies = ChatBilling.Core.Money.Currencies;

namespace ChatBilling.Core.Exports;

/// <summary>
/// Writes RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, quotes doubled. Numbers use the invariant culture and dates ISO 8601, so every spreadsheet locale reads
/// the same values. Text that a spreadsheet would run as a formula is defused with a leading apostrophe.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private bool lineStarted;

    public CsvWriter Text(string? value)
    {
        var text = value ?? "";
        // =, +, - and @ start formulas in Excel, LibreOffice and Sheets (a tab or CR first is read the same way).
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return Raw(text);
    }

    public CsvWriter Number(decimal value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Number(decimal? value) => value is { } v ? Number(v) : Raw("");

    /// <summary>An amount with its currency's minor units (119.40 EUR, 1200 JPY), whatever scale the store kept.</summary>
    public CsvWriter Money(decimal value, string currency) =>
        Raw(value.ToString("F" + Currencies.MinorUnits(currency), CultureInfo.InvariantCulture));

    public CsvWriter Number(int value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Date(DateOnly? value) => Raw(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>An instant in UTC, e.g. <c>2026-11-22T09:00:00Z</c>.</summary>
    public CsvWriter Instant(DateTimeOffset? value) =>
        Raw(value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "");

    public CsvWriter Bool(bool value) => Raw(value ? "true" : "false");

    /// <summary>Ends the record with CRLF, as RFC 4180 asks.</summary>
    public void EndLine()
    {
        output.Write("\r\n");
        lineStarted = false;
    }

    public void Header(params string[] names)
    {
        foreach (var name in names) Raw(name);
        EndLine();
    }

    private CsvWriter Raw(string field)
    {
        if (lineStarted) output.Write(',');
        lineStarted = true;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(field);
            return this;
        }
        var quoted = new StringBuilder(field.Length + 2).Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
        output.Write(quoted);
        return this;
    }
}
