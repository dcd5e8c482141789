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
