using ChatBilling.Core.Metrics;

namespace ChatBilling.Tests.Metrics;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(new double[] { 7 }, 0.5, 7)]
    [InlineData(new double[] { 7 }, 0.9, 7)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 0.5, 2.5)]
    [InlineData(new double[] { 5, 1, 3 }, 0.5, 3)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new double[] { 0, 10 }, 0.9, 9)]
    [InlineData(new double[] { 3, 3, 3, 100 }, 0.5, 3)]
    public void Percentiles_interpolate_between_closest_ranks(double[] values, double p, double expected) =>
        Assert.Equal(expected, Percentiles.Of(values, p)!.Value, precision: 9);

    [Fact]
    public void No_values_have_no_percentile() => Assert.Null(Percentiles.Median([]));

    [Fact]
    public void A_percentile_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1], 1.5));
}

public sealed class LocalDaysTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Pacific/Chatham")]
    [InlineData("UTC")]
    public void The_fast_day_lookup_agrees_with_converting_each_instant_across_dst_changes(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        // Around the end of summer time in Europe (25 Oct 2026) and in the US (1 Nov 2026), and beyond the range both ways.
        var from = new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);
        var days = new LocalDays(zone, from, to);
        for (var at = from.AddDays(-2); at < to.AddDays(2); at = at.AddMinutes(17))
            Assert.Equal(MetricsCalculator.LocalDate(at, zone), days.Of(at));
    }
}
