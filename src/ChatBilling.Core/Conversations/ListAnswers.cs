using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;

namespace ChatBilling.Core.Conversations;

/// <summary>What a list answer is about, once the question's words are resolved against the clients.</summary>
/// <param name="Decidable">For "my approvals": the invoices the asker may decide now, with the card version of each waiting step.</param>
internal sealed record ListQuestion(QuestionKind Kind, QuestionFilters Filters, IReadOnlyList<ClientRef>? Clients,
    IReadOnlyDictionary<Guid, string>? Decidable = null);

/// <summary>Turns found invoices into the list card: the amount filter, urgency order, totals still owed, the top 15.</summary>
internal sealed class ListAnswers(ApproverDirectory approvers, ApprovalSettings settings, AnswerFormat format, DateOnly today, DateTimeOffset now)
{
    public BotAnswer Build(ListQuestion q, List<FoundInvoice> found, IReadOnlyDictionary<Guid, ClientRef> clients,
        IReadOnlyDictionary<Guid, string> reasons, string? consoleBase)
    {
        var owed = q.Kind is QuestionKind.Overdue or QuestionKind.Unpaid or QuestionKind.Balance;
        var rows = found.Where(r => Admits(q.Filters, owed ? r.Due : r.Total)).ToList();
        // One row per invoice even when a step needing several people has more than one seat open.
        var mine = q.Kind == QuestionKind.MyApprovals ? q.Decidable ?? new Dictionary<Guid, string>() : null;
        if (mine is not null) rows = rows.Where(r => mine.ContainsKey(r.Id)).DistinctBy(r => r.Id).ToList();
        rows = Order(q.Kind, rows);

        var words = new AnswerWords(format);
        var chips = words.Chips(q.Filters, q.Clients);
        var title = Cut(words.Title(q.Kind, q.Filters, q.Clients), 140);
        var items = CardList.Counted(rows.Take(mine is null ? CardList.MaxItems : WaitingForYou.Shown)
            .Select(r => Item(q.Kind, q.Filters.Status, r, clients, reasons))
            .Select((item, n) => mine is null ? item : item with { Approve = new CardActionData(rows[n].Id, mine[rows[n].Id]) }), rows.Count);
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
                // Waiting for you: when it is due matters more than who else could decide.
                var who = kind == QuestionKind.MyApprovals ? due : People.Names(deciders, $"nobody holds {step.Role}");
                return new(r.Number, client, format.Money(r.Total, r.Currency),
                    $"Step {step.Sequence} of {step.StepCount} · {step.Role} · {who}",
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
