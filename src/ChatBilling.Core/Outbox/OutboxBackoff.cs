namespace ChatBilling.Core.Outbox;

/// <summary>Exponential backoff with jitter, so retries of many messages that failed together spread out.</summary>
public static class OutboxBackoff
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): <c>BaseDelay * 2^(attempt-1)</c>,
    /// capped at <c>MaxDelay</c>, then scaled into its upper half by <paramref name="jitter"/> (a sample in [0, 1)).
    /// </summary>
    public static TimeSpan Delay(int attempt, OutboxSettings settings, double jitter)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(settings.BaseDelay.Ticks * Math.Pow(2, exponent), settings.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + jitter / 2)));
    }
}
