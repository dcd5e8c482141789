namespace ChatBilling.Core.Cards;

/// <summary>One overdue invoice, as the digest lists it.</summary>
/// <param name="DaysOverdue">e.g. "12 days".</param>
public sealed record OverdueItem(string Number, string ClientName, string Amount, string DueDate, string DaysOverdue);
