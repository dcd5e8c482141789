namespace ChatBilling.Core.Reminders;

/// <summary>Which reminder, if any, an invoice is due today. Pure: the same invoice and day give the same answer on every host.</summary>
public static class ReminderCalendar
{
    /// <summary>
    /// The offset (days after the due date) of the latest reminder due by <paramref name="today"/>, or null. Reminders are
    /// the offsets, then one every <paramref name="repeatEveryDays"/> after the last offset (dunning that continues until
    /// paid or void). Those dated on or before the day the invoice went out are moot (its email covered them), except
    /// that an invoice sent already past due still gets its latest overdue reminder: it is owed, and nobody has said so.
    /// </summary>
    public static int? DueOffset(DateOnly dueDate, DateOnly sentOn, DateOnly today, IReadOnlyList<int> offsets, int repeatEveryDays)
    {
        if (offsets.Count == 0) return null;
        var days = today.DayNumber - dueDate.DayNumber;
        var last = offsets.Max();
        int? latest = offsets.Where(d => d <= days).Select(d => (int?)d).Max();
        if (repeatEveryDays > 0 && days > last)
            latest = last + (days - last) / repeatEveryDays * repeatEveryDays;
        if (latest is not { } offset) return null;
        var sentAfter = sentOn.DayNumber - dueDate.DayNumber;
        if (offset > sentAfter) return offset;
        return sentAfter > 0 && offset > 0 ? offset : null;
    }
}
