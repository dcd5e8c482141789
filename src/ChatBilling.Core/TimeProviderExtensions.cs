namespace ChatBilling.Core;

public static class TimeProviderExtensions
{
    /// <summary>Today's date in UTC, the calendar due dates are compared against.</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
