namespace ChatBilling.Core.Cards;

/// <summary>The answer to "what is overdue?".</summary>
/// <param name="EmptyLine">Shown when nothing is overdue.</param>
public sealed record OverdueListCard(
    CardList<OverdueItem> Items,
    IReadOnlyList<CurrencyTotal> Totals,
    string EmptyLine) : ICard
{
    public static string TemplateName => "overdue-list";
}

/// <summary>One overdue invoice.</summary>
/// <param name="DaysOverdue">e.g. "12 days".</param>
public sealed record OverdueItem(string Number, string ClientName, string Amount, string DueDate, string DaysOverdue);
