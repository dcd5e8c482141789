using System.Text.RegularExpressions;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Conversations;

/// <summary>
/// The grammar of ask-the-bot: reads a question word by word, longest phrase first, into a kind and filters. Known
/// phrases are in <see cref="Vocabulary"/>, amounts in <see cref="AmountWords"/>, days in <see cref="DateWords"/>; what is
/// left is a client's name. Deterministic and allocation-light: no model, no network, microseconds per question.
/// </summary>
public static partial class BotQuestionParser
{
    /// <summary>Precedence when a question names several kinds: "unpaid and overdue" is overdue, "how much is overdue" too.</summary>
    private static readonly QuestionKind[] Precedence =
    [
        QuestionKind.FailedSends, QuestionKind.Overdue, QuestionKind.Balance, QuestionKind.Unpaid, QuestionKind.Pending,
        QuestionKind.Approved, QuestionKind.Paid, QuestionKind.Sent, QuestionKind.Help,
    ];

    public static BotQuestion Parse(string? text, DateOnly today)
    {
        var words = QuestionText.Words(text);
        if (words.Count == 0) return new(QuestionKind.Help);
        var reading = new Reading(words);
        for (var i = 0; i < words.Count;) i += Step(words, i, today, reading);
        return Resolve(reading);
    }

    private static int Step(List<QuestionWord> w, int i, DateOnly today, Reading r)
    {
        var word = w[i].Text;
        if (IsInvoiceNumber(word))
        {
            r.Number ??= w[i].Typed.ToUpperInvariant();
            return r.Mark(i, 1, Role.Number);
        }
        if (word == "due")
        {
            r.DueMentioned = true;
            if (DateWords.DueWindow(w, i + 1, today) is not { } window) return r.Mark(i, 1, Role.Filter);
            r.F = r.F with { Due = window.Range, DueWords = window.Words };
            return r.Mark(i, 1 + window.Used, Role.Filter);
        }
        if (AmountWords.Comparator(w, i) is { } comparator)
        {
            if (Comparison(w, i, comparator.Comparison, comparator.Used, r) is { } used) return r.Mark(i, used, Role.Filter);
            // "over" with no amount after it says nothing on its own; "from" may still be filler ("from acme").
            if (comparator.Comparison != Conversations.Comparison.Between) return r.Mark(i, comparator.Used, Role.Filler);
        }
        if (DateWords.Period(w, i, today) is { } period)
        {
            r.Period ??= period;
            return r.Mark(i, period.Used, Role.Filter);
        }
        if (AmountWords.Amount(w, i) is { } bare)
        {
            var after = i + bare.Used;
            var plus = after < w.Count && w[after].Text == "+";
            var unit = after + (plus ? 1 : 0) < w.Count ? w[after + (plus ? 1 : 0)].Text : "";
            if (bare.Currency is null && (AmountWords.IsDayUnit(unit) || AmountWords.IsWeekUnit(unit)))
            {
                r.SetDays(DaysOf(bare.Amount, unit), null);
                return r.Mark(i, bare.Used + (plus ? 2 : 1), Role.Filter);
            }
            if (plus)
            {
                r.SetAmount(new(bare.Amount, true), null, bare.Currency);
                return r.Mark(i, bare.Used + 1, Role.Filter);
            }
            return r.Mark(i, bare.Used, Role.Stray);
        }
        if (Vocabulary.Match(w, i) is { } match)
        {
            r.Add(match.Signal);
            return r.Mark(i, match.Used, match.Signal.Type is SignalType.Filler ? Role.Filler : match.Signal.Type is SignalType.Kind or SignalType.Mine ? Role.Kind : Role.Filter);
        }
        if (AmountWords.CurrencyOf(word) is { } code)
        {
            r.F = r.F with { Currency = r.F.Currency ?? code };
            return r.Mark(i, 1, Role.Filter);
        }
        if (Vocabulary.Typo(word) is { } typo)
        {
            r.Add(typo.Signal);
            return r.Mark(i, 1, typo.Signal.Type is SignalType.Kind ? Role.Kind : Role.Filter);
        }
        return r.Mark(i, 1, Role.Leftover);
    }

    /// <summary>"over 10k", "between 1k and 5k", "more than 30 days"; null when no amount follows, so "from acme" stays filler.</summary>
    private static int? Comparison(List<QuestionWord> w, int i, Comparison comparison, int used, Reading r)
    {
        var j = i + used;
        if (AmountWords.Amount(w, j) is not { } a) return null;
        var after = j + a.Used;
        if (comparison == Conversations.Comparison.Between)
        {
            if (after >= w.Count || w[after].Text is not ("and" or "to" or "-") || AmountWords.Amount(w, after + 1) is not { } b) return null;
            var end = after + 1 + b.Used;
            var rangeUnit = end < w.Count ? w[end].Text : "";
            if (a.Currency is null && b.Currency is null && (AmountWords.IsDayUnit(rangeUnit) || AmountWords.IsWeekUnit(rangeUnit)))
            {
                r.SetDays(DaysOf(a.Amount, rangeUnit), DaysOf(b.Amount, rangeUnit));
                return end + 1 - i;
            }
            r.SetAmount(new(Math.Min(a.Amount, b.Amount), true), new(Math.Max(a.Amount, b.Amount), true), a.Currency ?? b.Currency);
            return end - i;
        }
        var unit = after < w.Count ? w[after].Text : "";
        if (a.Currency is null && (AmountWords.IsDayUnit(unit) || AmountWords.IsWeekUnit(unit)))
        {
            var days = DaysOf(a.Amount, unit);
            switch (comparison)
            {
                case Conversations.Comparison.Above: r.SetDays(days + 1, null); break;
                case Conversations.Comparison.AtLeast: r.SetDays(days, null); break;
                case Conversations.Comparison.Below: r.SetDays(null, days - 1); break;
                default: r.SetDays(null, days); break;
            }
            return after + 1 - i;
        }
        switch (comparison)
        {
            case Conversations.Comparison.Above: r.SetAmount(new(a.Amount, false), null, a.Currency); break;
            case Conversations.Comparison.AtLeast: r.SetAmount(new(a.Amount, true), null, a.Currency); break;
            case Conversations.Comparison.Below: r.SetAmount(null, new(a.Amount, false), a.Currency); break;
            default: r.SetAmount(null, new(a.Amount, true), a.Currency); break;
        }
        return after - i;
    }

    private static int DaysOf(decimal amount, string unit) => (int)Math.Min(36_600, amount) * (AmountWords.IsWeekUnit(unit) ? 7 : 1);

    private static BotQuestion Resolve(Reading r)
    {
        var leftover = r.Typed(Role.Leftover);
        var strays = r.Typed(Role.Stray);
        var filters = r.F with { Client = leftover.Length > 0 ? leftover : null };
        if (r.Number is not null) return new(QuestionKind.Status, filters, r.Number);

        var kind = Precedence.Where(r.Strong.Contains).Cast<QuestionKind?>().FirstOrDefault();
        if (kind == QuestionKind.Pending && r.Mine) kind = QuestionKind.MyApprovals;
        if (kind is null or QuestionKind.Help && filters.Status is not null) kind = QuestionKind.InStatus;
        if (kind is null && r.Weak.Contains(QuestionKind.Status))
            return new(QuestionKind.Status, filters with { Client = null }, (leftover.Length > 0 ? leftover : strays) is { Length: > 0 } n ? n.ToUpperInvariant() : null);
        if (kind is null && r.Weak.Contains(QuestionKind.Balance) && leftover.Length > 0) kind = QuestionKind.Balance;
        if (kind is null && r.Mine && leftover.Length == 0 && strays.Length == 0) kind = QuestionKind.MyApprovals;
        if (kind is null && r.DaysMentioned) kind = QuestionKind.Overdue;
        if (kind is null && r.DueMentioned) kind = QuestionKind.Unpaid;
        if (kind == QuestionKind.Help && (leftover.Length > 0 || !r.F.IsEmpty)) kind = null;

        if (r.Period is { } period)
        {
            if (kind is QuestionKind.Sent or QuestionKind.Paid or QuestionKind.Approved)
                filters = filters with { Period = period.Range, PeriodWords = period.Words };
            else if (kind is QuestionKind.Overdue or QuestionKind.Unpaid or QuestionKind.Balance && filters.Due is null)
                filters = filters with { Due = period.Range, DueWords = "due " + period.Words };
        }
        if (kind is { } known && strays.Length == 0) return new(known, filters);

        // With a kind, only the stray words were not understood; without one, the whole question was not.
        var notUnderstood = kind is null ? r.AllTyped() : strays;
        return new(QuestionKind.Unknown, filters, NotUnderstood: notUnderstood,
            Suggestions: Suggest(r, kind, strays));
    }

    /// <summary>Up to three questions the asker may have meant, each one the grammar reads without a doubt.</summary>
    private static List<string> Suggest(Reading r, QuestionKind? kind, string strays)
    {
        var said = r.Typed(Role.Filter);
        var tail = said.Length > 0 ? " " + said : "";
        var suggestions = new List<string>();
        if (strays.Length > 0)
        {
            var phrase = Suggestions.Phrase(kind ?? QuestionKind.Pending);
            suggestions.Add($"{phrase} over {strays}{tail}");
            suggestions.Add($"{phrase} under {strays}{tail}");
        }
        if (r.Corrected() is { } corrected) suggestions.Add(corrected);
        if (kind is null && (said.Length > 0 || r.Typed(Role.Leftover).Length > 0))
        {
            var client = r.Typed(Role.Leftover) is { Length: > 0 } c ? " for " + c : "";
            suggestions.AddRange([$"overdue{client}{tail}", $"unpaid{client}{tail}", $"pending{client}{tail}"]);
        }
        suggestions.AddRange(Suggestions.Defaults);
        return suggestions.Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
    }

    /// <summary>
    /// Something that looks like an invoice number: two letters or more and digits ("INV-2026-0003", "acme42"), or digits
    /// joined by one dash or slash ("2026-0003"); not an amount ("10k"), an ordinal ("15th") or a date ("2026-12-15").
    /// </summary>
    private static bool IsInvoiceNumber(string word) =>
        (LettersAndDigits().IsMatch(word) && AmountWords.Number(word) is null && !Ordinal().IsMatch(word)) || DigitsJoined().IsMatch(word);

    [GeneratedRegex(@"^(?=.*\d)(?=.*[a-z]{2})[a-z0-9][a-z0-9\-_/.]{2,31}$")]
    private static partial Regex LettersAndDigits();

    [GeneratedRegex(@"^\d+(st|nd|rd|th)$")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"^\d{2,}[-/]\d{2,}$")]
    private static partial Regex DigitsJoined();

    internal enum Role { Filler, Kind, Filter, Number, Leftover, Stray }

    /// <summary>What has been read so far, and the role each word played.</summary>
    private sealed class Reading(List<QuestionWord> words)
    {
        private readonly Role[] roles = new Role[words.Count];
        public QuestionFilters F = QuestionFilters.None;
        public readonly HashSet<QuestionKind> Strong = [];
        public readonly HashSet<QuestionKind> Weak = [];
        public string? Number;
        public bool Mine, DueMentioned, DaysMentioned;
        public SaidDays? Period;

        public int Mark(int at, int used, Role role)
        {
            for (var k = at; k < at + used && k < roles.Length; k++) roles[k] = role;
            return used;
        }

        public void Add(Signal signal)
        {
            switch (signal.Type)
            {
                case SignalType.Kind: (signal.Strength >= 2 ? Strong : Weak).Add(signal.Kind); break;
                case SignalType.Mine: Mine = true; break;
                case SignalType.Status: F = F with { Status = F.Status ?? signal.Status }; break;
                case SignalType.Currency: F = F with { Currency = F.Currency ?? signal.Currency }; break;
            }
        }

        public void SetAmount(AmountBound? min, AmountBound? max, string? currency) =>
            F = F with { MinAmount = min ?? F.MinAmount, MaxAmount = max ?? F.MaxAmount, Currency = F.Currency ?? currency };

        public void SetDays(int? min, int? max)
        {
            DaysMentioned = true;
            F = F with { OverdueMinDays = min ?? F.OverdueMinDays, OverdueMaxDays = max ?? F.OverdueMaxDays };
        }

        public string Typed(Role role) => string.Join(' ', words.Where((_, k) => roles[k] == role).Select(x => x.Typed));

        public string AllTyped() => string.Join(' ', words.Select(x => x.Typed));

        /// <summary>The question with each unplaced word swapped for the known word it is closest to, or null when none is close.</summary>
        public string? Corrected()
        {
            var changed = false;
            var fixedWords = words.Select((x, k) =>
            {
                if (roles[k] != Role.Leftover || Vocabulary.Closest(x.Text) is not { } known) return x.Typed;
                changed = true;
                return known;
            }).ToList();
            return changed ? string.Join(' ', fixedWords) : null;
        }
    }
}
