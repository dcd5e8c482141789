using System.Globalization;
using ChatBilling.Core.Exports;

namespace ChatBilling.Tests.Exports;

public sealed class CsvWriterTests
{
    private static string Line(Action<CsvWriter> write)
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);
        write(csv);
        csv.EndLine();
        return text.ToString();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("", "")]
    [InlineData("Müller & Söhne – 東京", "Müller & Söhne – 東京")]
    public void Text_is_quoted_as_RFC_4180_asks(string value, string expected) =>
        Assert.Equal(expected + "\r\n", Line(csv => csv.Text(value)));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1234", "'+1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("a=1", "a=1")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_defused(string value, string expected) =>
        Assert.Equal(expected + "\r\n", Line(csv => csv.Text(value)));

    [Fact]
    public void Numbers_dates_and_instants_are_culture_free()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var line = Line(csv => csv.Number(-1234.5m).Number(0.1000m).Date(new DateOnly(2026, 1, 2))
                .Instant(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1))).Date(null).Bool(true)
                .Money(1200.5m, "EUR").Money(1200m, "JPY").Money(-3.5m, "KWD"));
            // A negative number is a number, not a formula: it is left as it is.
            Assert.Equal("-1234.5,0.1000,2026-01-02,2026-11-22T09:30:00Z,,true,1200.50,1200,-3.500\r\n", line);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
