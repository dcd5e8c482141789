namespace ChatBilling.Core.Metrics;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (Excel's PERCENTILE.INC, numpy's default):
/// the median of 1, 2, 3, 4 is 2.5, and a single value is every percentile of itself.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0 to 1) of the values; null when there are none.</summary>
    public static double? Of(IEnumerable<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = p * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    public static double? Median(IEnumerable<double> values) => Of(values, 0.5);
}
