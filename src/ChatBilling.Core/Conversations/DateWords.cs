using System.Globalization;

namespace ChatBilling.Core.Conversations;

/// <summary>A span of days as said, and how many words said it.</summary>
internal sealed record SaidDays(DayRange Range, string Words, int Used);

/// <summary>
/// Days and spans of days, relative to today: "today", "Friday", "next Monday", "15 Dec", "2026-12-15", "end of month",
/// "this week" (weeks run Monday to Sunday, ISO 8601), "last month", "last 30 days".
/// </summary>
internal static class DateWords
{
    private static readonly string[][] WeekdayNames =
    [
        ["sunday", "sun"], ["monday", "mon"], ["tuesday", "tue", "tues"], ["wednesday", "wed"], ["thursday", "thu", "thur", "thurs"],
        ["friday", "fri"], ["saturday", "sat"],
    ];

    private static readonly string[][] MonthNames =
    [
        ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"], ["june", "jun"], ["july", "jul"],
        ["august", "aug"], ["september", "sep", "sept"], ["october", "oct"], ["november", "nov"], ["december", "dec"],
    ];

    /// <summary>One day at <paramref name="at"/>; weekdays mean the next one from today on ("Friday" on a Friday is today).</summary>
    public static (DateOnly Day, int Used)? Day(IReadOnlyList<QuestionWord> w, int at, DateOnly today)
    {
        string Word(int k) => at + k < w.Count ? w[at + k].Text : "";
        switch (Word(0))
        {
            case "today": return (today, 1);
            case "tomorrow": return (today.AddDays(1), 1);
            case "yesterday": return (today.AddDays(-1), 1);
            case "end" when Word(1) == "of" && (Word(2) == "month" || (Word(2) == "the" && Word(3) == "month")):
                return (EndOfMonth(today), Word(2) == "the" ? 4 : 3);
            case "eom" or "month-end": return (EndOfMonth(today), 1);
            case "month" when Word(1) == "end": return (EndOfMonth(today), 2);
        }
        var next = Word(0) is "next" ? 1 : Word(0) is "this" or "coming" ? 0 : -1;
        if (Weekday(Word(next >= 0 ? 1 : 0)) is { } weekday)
        {
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return (today.AddDays(ahead + (next == 1 ? 7 : 0)), next >= 0 ? 2 : 1);
        }
        if (DateOnly.TryParseExact(Word(0), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return (iso, 1);
        // "15 Dec", "15th December", "Dec 15": the next such day from today on, unless a year follows.
        if (DayOfMonth(Word(0)) is { } d1 && Month(Word(1)) is { } m1) return WithYear(d1, m1, 2);
        if (Month(Word(0)) is { } m2 && DayOfMonth(Word(1)) is { } d2) return WithYear(d2, m2, 2);
        return null;

        (DateOnly, int)? WithYear(int day, int month, int used)
        {
            if (int.TryParse(Word(used), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
                return Safe(year, month, day) is { } withYear ? (withYear, used + 1) : null;
            var candidate = Safe(today.Year, month, day);
            if (candidate is { } c && c < today.AddDays(-183)) candidate = Safe(today.Year + 1, month, day);
            return candidate is { } found ? (found, used) : null;
        }
    }

    /// <summary>A span of days at <paramref name="at"/> for "sent this week", "paid last month", "approved today".</summary>
    public static SaidDays? Period(IReadOnlyList<QuestionWord> w, int at, DateOnly today)
    {
        string Word(int k) => at + k < w.Count ? w[at + k].Text : "";
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var (first, second) = (Word(0), Word(1));
        if (first is "today") return new(new(today, today), "today", 1);
        if (first is "yesterday") return new(new(today.AddDays(-1), today.AddDays(-1)), "yesterday", 1);
        if (first is "this" or "current")
        {
            if (second is "week") return new(new(monday, monday.AddDays(6)), "this week", 2);
            if (second is "month") return new(new(firstOfMonth, EndOfMonth(today)), "this month", 2);
            if (second is "year") return new(new(new(today.Year, 1, 1), new(today.Year, 12, 31)), "this year", 2);
        }
        if (first is "last" or "past" or "previous" or "prior")
        {
            if (second is "week") return new(new(monday.AddDays(-7), monday.AddDays(-1)), "last week", 2);
            if (second is "month")
            {
                var start = firstOfMonth.AddMonths(-1);
                return new(new(start, firstOfMonth.AddDays(-1)), "last month", 2);
            }
            if (second is "year") return new(new(new(today.Year - 1, 1, 1), new(today.Year - 1, 12, 31)), "last year", 2);
            if (int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 3660
                && AmountWords.IsDayUnit(Word(2)))
                return new(new(today.AddDays(1 - n), today), $"the last {n} days", 3);
        }
        if (first is "since" && Day(w, at + 1, today) is { } since)
        {
            var from = since.Day > today ? since.Day.AddDays(-7) : since.Day;
            return new(new(from, today), $"since {w[at + 1].Typed}", 1 + since.Used);
        }
        // "in November": the latest November up to this month.
        if (Month(first) is { } month && DayOfMonth(second) is null)
        {
            var year = month > today.Month ? today.Year - 1 : today.Year;
            var start = new DateOnly(year, month, 1);
            return new(new(start, start.AddMonths(1).AddDays(-1)), CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month), 1);
        }
        return null;
    }

    /// <summary>What follows "due": "today", "this week", "before Friday", "by 15 Dec", "in 7 days", "soon".</summary>
    public static SaidDays? DueWindow(IReadOnlyList<QuestionWord> w, int at, DateOnly today)
    {
        string Word(int k) => at + k < w.Count ? w[at + k].Text : "";
        var skip = Word(0) is "on" or "for" ? 1 : 0;
        var first = Word(skip);
        if (first is "soon") return new(new(today, today.AddDays(7)), "due soon", skip + 1);
        var k = skip;
        if (first is "in" or "within")
        {
            k++;
            if (Word(k) is "the") k++;
            if (Word(k) is "next") k++;
        }
        else if (first is "next" && int.TryParse(Word(k + 1), out _)) k++;
        if (k > skip && int.TryParse(Word(k), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 3660)
        {
            var days = AmountWords.IsDayUnit(Word(k + 1)) ? n : AmountWords.IsWeekUnit(Word(k + 1)) ? n * 7 : -1;
            if (days >= 0) return new(new(today, today.AddDays(days)), $"due within {n} {w[at + k + 1].Typed}", k + 2);
        }
        if (first is "before" or "by" or "until" or "till" or "after" && Day(w, at + skip + 1, today) is { } bound)
        {
            var said = $"due {first} {string.Join(' ', w.Skip(at + skip + 1).Take(bound.Used).Select(x => x.Typed))}";
            var range = first switch
            {
                "before" => new DayRange(null, bound.Day.AddDays(-1)),
                "after" => new DayRange(bound.Day.AddDays(1), null),
                _ => new DayRange(null, bound.Day),
            };
            return new(range, said, skip + 1 + bound.Used);
        }
        if (Period(w, at + skip, today) is { } period && !period.Words.StartsWith("since", StringComparison.Ordinal))
            return period with { Words = "due " + period.Words, Used = skip + period.Used };
        if (first is "next" && Word(skip + 1) is "week")
        {
            var monday = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
            return new(new(monday, monday.AddDays(6)), "due next week", skip + 2);
        }
        if (first is "next" && Word(skip + 1) is "month")
        {
            var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            return new(new(start, start.AddMonths(1).AddDays(-1)), "due next month", skip + 2);
        }
        if (Day(w, at + skip, today) is { } day)
            return new(new(day.Day, day.Day), $"due {string.Join(' ', w.Skip(at + skip).Take(day.Used).Select(x => x.Typed))}", skip + day.Used);
        return null;
    }

    private static DayOfWeek? Weekday(string word)
    {
        for (var d = 0; d < 7; d++) if (WeekdayNames[d].Contains(word)) return (DayOfWeek)d;
        return null;
    }

    private static int? Month(string word)
    {
        for (var m = 0; m < 12; m++) if (MonthNames[m].Contains(word)) return m + 1;
        return null;
    }

    private static int? DayOfMonth(string word)
    {
        var digits = word.EndsWith("st") || word.EndsWith("nd") || word.EndsWith("rd") || word.EndsWith("th") ? word[..^2] : word;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 ? d : null;
    }

    private static DateOnly? Safe(int year, int month, int day) => day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static DateOnly EndOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
