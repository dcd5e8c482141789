namespace ChatBilling.Core.Cards;

/// <summary>The daily digest for managers: what failed, what waits for approval, what is overdue.</summary>
/// <param name="DateLabel">e.g. "Monday, 23 November 2026".</param>
/// <param name="QuietLine">Shown instead of the lists when there is nothing to act on.</param>
/// <param name="OverdueTotals">Overdue amounts, one formatted total per currency.</param>
/// <param name="Numbers">The numbers that matter over the last days, when anything was sent or approved.</param>
/// <param name="Reconciliation">One line on the reconciliation report's open exceptions, when there are any.</param>
public sealed record DigestCard(
    string DateLabel,
    string QuietLine,
    CardList<FailedSendItem> FailedSends,
    CardList<PendingItem> PendingApprovals,
    IReadOnlyList<OverdueBucket> OverdueBuckets,
    int SentYesterday,
    IReadOnlyList<CurrencyTotal> OverdueTotals,
    CardList<PaymentExceptionItem>? PaymentExceptions = null,
    DigestNumbers? Numbers = null,
    string? Reconciliation = null) : ICard
{
    public static string TemplateName => "digest";

    /// <summary>Nothing failed, nothing waits and nothing is overdue.</summary>
    public bool Quiet => FailedSends.Total == 0 && PendingApprovals.Total == 0 && OverdueBuckets.All(b => b.Count == 0)
        && (PaymentExceptions?.Total ?? 0) == 0;
}

/// <summary>A payment that could not simply be applied: no matching invoice, more than the balance, or a void invoice.</summary>
/// <param name="Problem">e.g. "no such invoice", "overpaid by EUR 50.00".</param>
public sealed record PaymentExceptionItem(string Reference, string Invoice, string Amount, string Problem);

/// <summary>An invoice whose email could not be sent.</summary>
public sealed record FailedSendItem(string Number, string ClientName, string Reason);

/// <summary>Overdue invoices of one age range, e.g. "1–30 days".</summary>
public sealed record OverdueBucket(string Label, CardList<OverdueItem> Invoices)
{
    public int Count => Invoices.Total;
}

/// <summary>A formatted total in one currency.</summary>
public sealed record CurrencyTotal(string Currency, string Amount);

/// <summary>The numbers that matter, formatted for chat: "median 3 d · p90 8 d".</summary>
/// <param name="Window">e.g. "last 30 days".</param>
public sealed record DigestNumbers(string Window, IReadOnlyList<DigestFact> Facts);

public sealed record DigestFact(string Title, string Value);
