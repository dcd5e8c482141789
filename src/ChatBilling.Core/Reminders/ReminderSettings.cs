namespace ChatBilling.Core.Reminders;

/// <summary>The <c>Reminders</c> settings section.</summary>
public sealed record ReminderSettings
{
    /// <summary>Days relative to the due date (negative = before) on which payment reminders go.</summary>
    public IReadOnlyList<int> OffsetsDays { get; init; } = [];

    /// <summary>After the last offset, a reminder every this many days until the invoice is paid or void; 0 stops after the last offset.</summary>
    public int RepeatEveryDays { get; init; } = 7;

    public IReadOnlyList<int> EffectiveOffsets => OffsetsDays.Count > 0 ? OffsetsDays : [-7, 0, 3];
}
