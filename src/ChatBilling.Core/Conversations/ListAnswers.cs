using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;

namespace ChatBilling.Core.Conversations;

/// <summary>What a list answer is about, once the question's words are resolved against the clients.</summary>
internal sealed record ListQuestion(QuestionKind Kind, QuestionFilters Filters, IReadOnlyList<ClientRef>? Clients, ApproverSettings? Me);

/// <summary>Turns found invoices into the list card: the amount filter, urgency order, totals still owed, the top 15.</summary>
internal sealed class ListAnswers(ApproverDirectory approvers, ApprovalSettings settings, AnswerFormat format, DateOnly today, DateTimeOffset now)
{
    public BotAnswer Build(ListQuestion q, List<FoundInvoice> found, IReadOnlyDictionary<Guid, ClientRef> clients,
        IReadOnlyDictionary<Guid, string> reasons, string? consoleBase)
    {
        var owed = q.Kind is QuestionKind.Overdue or QuestionKind.Unpaid or QuestionKind.Balance;
        var rows = found.Where(r => Admits(q.Filters, owed ? r.Due : r.Total)).ToList();
        if (q.Kind == QuestionKind.MyApprovals && q.Me is { } me) rows = rows.Where(r => MayDecide(me, r)).ToList();
        rows = Order(q.Kind, rows);

        var words = new AnswerWords(format);
        var chips = words.Chips(q.Filters, q.Clients);
        var title = Cut(words.Title(q.Kind, q.Filters, q.Clients), 140);
        var items = CardList.Counted(rows.Take(CardList.MaxItems).Select(r => Item(q.Kind, q.Filters.Status, r, clients, reasons)), rows.Count);
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, format.Money(g.Sum(r => owed ? r.Due : r.Total), g.Key))).ToList();
        var totalsLabel = owed ? "Still owed" : q.Kind == QuestionKind.Paid ? "Paid" : "Total";
        var empty = $"{title}: none.";
        var link = rows.Count > 0 && consoleBase is not null ? consoleBase + ConsoleLinks.Query(q) : null;
        var card = new InvoiceListCard(title, chips, items, totals, totalsLabel, empty, link);
        var text = rows.Count == 0 ? empty
            : $"{title}: {rows.Count} invoice{(rows.Count == 1 ? "" : "s")}" + (totals.Count > 0 ? $", {totalsLabel.ToLowerInvariant()} {string.Join(" and ", totals.Select(t => t.Amount))}." : ".");
        return new(InvoiceListCard.TemplateName, card, text) { Understood = chips, ConsoleUrl = link };
    }

    private static bool Admits(QuestionFilters f, decimal amount) =>
        (f.MinAmount is not { } min || min.AdmitsFromBelow(amount)) && (f.MaxAmount is not { } max || max.AdmitsFromAbove(amount));

    /// <summary>The same rules the decision itself checks: the step's role (or manager once escalated), not one's own, within one's limit.</summary>
    private bool MayDecide(ApproverSettings me, FoundInvoice r) =>
        r.Step is { } step
        && (me.HasRole(step.Role) || (step.Escalated && me.HasRole(ApprovalSettings.ManagerRole)))
        && !(me.Is(r.CreatedBy) || me.Name.Equals(r.CreatedBy, StringComparison.OrdinalIgnoreCase))
        && (me.MaxAmount is not { } limit || r.Total <= limit);

    // Most urgent first: the oldest debt, the longest wait, the latest event.
    private static List<FoundInvoice> Order(QuestionKind kind, List<FoundInvoice> rows) => kind switch
    {
        QuestionKind.Pending or QuestionKind.MyApprovals => rows.OrderBy(r => r.At).ThenBy(r => r.Number, StringComparer.Ordinal).ToList(),
        QuestionKind.Sent or QuestionKind.Paid or QuestionKind.Approved => rows.OrderByDescending(r => r.At).ThenBy(r => r.Number, StringComparer.Ordinal).ToList(),
        QuestionKind.FailedSends or QuestionKind.InStatus => rows.OrderBy(r => r.Number, StringComparer.Ordinal).ToList(),
        _ => rows.OrderBy(r => r.DueDate).ThenBy(r => r.Number, StringComparer.Ordinal).ToList(),
    };

    private InvoiceListItem Item(QuestionKind kind, Invoices.InvoiceStatus? inStatus, FoundInvoice r, IReadOnlyDictionary<Guid, ClientRef> clients, IReadOnlyDictionary<Guid, string> reasons)
    {
        var client = clients.TryGetValue(r.ClientId, out var c) ? c.Name : "unknown client";
        var late = today.DayNumber - r.DueDate.DayNumber;
        var due = $"Due {format.Date(r.DueDate)}";
        var partly = r.AmountPaid > 0 ? $" · {format.Money(r.AmountPaid, r.Currency)} of {format.Money(r.Total, r.Currency)} paid" : "";
        switch (kind)
        {
            case QuestionKind.Overdue or QuestionKind.Unpaid or QuestionKind.Balance:
                var note = late > 0 ? $"{ChatFormat.Days(late)} overdue" : late == 0 ? "due today" : $"due in {ChatFormat.Days(-late)}";
                return new(r.Number, client, format.Money(r.Due, r.Currency), due + partly, note, late > 0);
            case QuestionKind.Pending or QuestionKind.MyApprovals when r.Step is { } step:
                var deciders = approvers.All.Where(a => a.HasRole(step.Role) || (step.Escalated && a.HasRole(ApprovalSettings.ManagerRole)))
                    .Where(a => !a.Is(r.CreatedBy));
                var waited = now - (r.At ?? now);
                var deadline = TimeSpan.FromHours(Math.Max(1, settings.DeadlineHours));
                return new(r.Number, client, format.Money(r.Total, r.Currency),
                    $"Step {step.Sequence} of {step.StepCount} · {step.Role} · {People.Names(deciders, $"nobody holds {step.Role}")}",
                    $"waiting {ChatFormat.Age(waited)}", waited >= deadline);
            case QuestionKind.Sent or QuestionKind.Paid or QuestionKind.Approved:
                var verb = kind == QuestionKind.Sent ? "Sent" : kind == QuestionKind.Paid ? "Paid" : "Approved";
                return new(r.Number, client, format.Money(r.Total, r.Currency), due + partly, $"{verb} {format.Date(DateOnly.FromDateTime((r.At ?? now).UtcDateTime))}", false);
            case QuestionKind.FailedSends:
                return new(r.Number, client, format.Money(r.Total, r.Currency), AnswerWords.Clean(reasons.GetValueOrDefault(r.Id, "unknown reason")), "not sent", true);
            default:
                var status = inStatus is { } s ? AnswerWords.StatusName(s) : "";
                return new(r.Number, client, format.Money(r.Total, r.Currency), due, status, false);
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
