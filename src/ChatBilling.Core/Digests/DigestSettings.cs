namespace ChatBilling.Core.Digests;

/// <summary>The <c>Digest</c> settings section: when the daily digest goes out, in whose day.</summary>
public sealed record DigestSettings
{
    public string TimeOfDay { get; init; } = "08:00";
    public string TimeZone { get; init; } = "UTC";

    public TimeOnly Time => TimeOnly.TryParse(TimeOfDay, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(8, 0);

    /// <summary>The configured zone (IANA or Windows id); start-up refuses an unknown one, naming the setting.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
