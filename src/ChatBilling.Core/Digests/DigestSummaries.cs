using System.Globalization;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Metrics;
using ChatBilling.Core.Reconciliation;

namespace ChatBilling.Core.Digests;

/// <summary>The digest's short forms of the metrics and the reconciliation report; the console shows them in full.</summary>
public static class DigestSummaries
{
    /// <summary>A month: long enough for a median to mean something, short enough to show this month's habits.</summary>
    public const int NumbersDays = 30;

    public static DigestNumbers? Numbers(BillingMetrics m)
    {
        if (m.OnSchedule.Count == 0 && m.ApprovalTime.Count == 0 && m.Dso.Count == 0) return null;
        var facts = new List<DigestFact>();
        if (m.SendLag.MedianDays is { } lag)
            facts.Add(new("Work done → sent", $"median {N(lag)} d · p90 {N(m.SendLag.P90Days ?? lag)} d"));
        if (m.OnSchedule.Share is { } share)
            facts.Add(new("Sent on schedule", $"{(share * 100).ToString("0", CultureInfo.InvariantCulture)} % of {m.OnSchedule.Count}"));
        if (m.ApprovalTime.MedianHours is { } hours) facts.Add(new("Approval time", $"median {N(hours)} h"));
        foreach (var dso in m.Dso.Where(d => d.Days is not null)) facts.Add(new($"DSO {dso.Currency}", $"{N(dso.Days!.Value)} days"));
        // Slack shows at most ten fields in a section; a team billing in more currencies sees the rest in the console.
        return facts.Count == 0 ? null : new DigestNumbers($"last {m.Window.Days} days", facts.Take(10).ToList());
    }

    public static string? Reconciliation(ReconciliationReport r)
    {
        if (r.Total == 0) return null;
        var parts = new List<string>();
        if (r.UnmatchedPayments.Count > 0) parts.Add($"{r.UnmatchedPayments.Count} payment(s) with no invoice");
        if (r.Overpayments.Count > 0) parts.Add($"{r.Overpayments.Count} overpaid");
        if (r.PastDueWithPayment.Count > 0) parts.Add($"{r.PastDueWithPayment.Count} past due with a payment");
        if (r.PartialPayments.Count > 0) parts.Add($"{r.PartialPayments.Count} partly paid");
        return $"Reconciliation: {string.Join(", ", parts)}";
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
