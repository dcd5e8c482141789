namespace ChatBilling.Core.Metrics;

/// <summary>
/// The team's calendar day of an instant, fast: converting every instant through <see cref="TimeZoneInfo"/> cost
/// most of the metrics' time (microseconds each on Linux), so the UTC starts of the days in range are computed once
/// and an instant's day is found by binary search. Instants outside the range fall back to the conversion.
/// </summary>
internal sealed class LocalDays
{
    private readonly TimeZoneInfo zone;
    private readonly DateOnly first;
    private readonly DateTimeOffset[] starts;

    public LocalDays(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        this.zone = zone;
        first = MetricsCalculator.LocalDate(from, zone);
        var last = MetricsCalculator.LocalDate(to, zone).AddDays(1);
        starts = new DateTimeOffset[last.DayNumber - first.DayNumber + 1];
        for (var i = 0; i < starts.Length; i++) starts[i] = MetricsCalculator.StartOfDay(first.AddDays(i), zone);
    }

    public DateOnly Of(DateTimeOffset at)
    {
        if (at < starts[0] || at >= starts[^1]) return MetricsCalculator.LocalDate(at, zone);
        var index = Array.BinarySearch(starts, at);
        // Not found: the complement is the first start after the instant, so its day begins one place earlier.
        return first.AddDays(index >= 0 ? index : ~index - 1);
    }
}
