namespace ChatBilling.Core.Reminders;

/// <summary>The <c>Reminders</c> settings section.</summary>
public sealed record ReminderSettings
{
    /// <summary>Days relative to the due date (negative = before) on which payment reminders go.</summary>
    public IReadOnlyList<int> OffsetsDays { get; init; } = [];

    public IReadOnlyList<int> EffectiveOffsets => OffsetsDays.Count > 0 ? OffsetsDays : [-7, 0, 3];
}
