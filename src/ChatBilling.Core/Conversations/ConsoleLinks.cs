using System.Globalization;
using ChatBilling.Core.Documents;

namespace ChatBilling.Core.Conversations;

/// <summary>
/// Links from a list answer to the full list in the web console (<c>/console#/invoices?status=overdue&amp;…</c>), with
/// the same filters; the console's invoice list reads them from the fragment.
/// </summary>
internal static class ConsoleLinks
{
    /// <summary>
    /// The console on <c>PublicBaseUrl</c>. Core learns that base only through <see cref="IDocumentLinks"/>, whose links
    /// are <c>{base}/d/{token}/…</c>; null when a host's links have another shape.
    /// </summary>
    public static string? Base(IDocumentLinks links)
    {
        var pdf = links.PdfUrl(Guid.Empty);
        var at = pdf.IndexOf("/d/", StringComparison.Ordinal);
        return at > 0 ? pdf[..at] + "/console" : null;
    }

    public static string Query(ListQuestion q)
    {
        var f = q.Filters;
        var parts = new List<(string, string)> { ("status", Status(q.Kind, f)) };
        foreach (var client in q.Clients ?? []) parts.Add(("clientId", client.Id.ToString()));
        if (f.Currency is { } currency) parts.Add(("currency", currency));
        if (f.MinAmount is { } min) parts.Add((min.Inclusive ? "minAmount" : "above", Invariant(min.Amount)));
        if (f.MaxAmount is { } max) parts.Add((max.Inclusive ? "maxAmount" : "below", Invariant(max.Amount)));
        if (f.Due?.From is { } dueFrom) parts.Add(("dueFrom", Day(dueFrom)));
        if (f.Due?.To is { } dueTo) parts.Add(("dueTo", Day(dueTo)));
        if (f.OverdueMinDays is { } od) parts.Add(("overdueMinDays", od.ToString(CultureInfo.InvariantCulture)));
        if (f.OverdueMaxDays is { } odMax) parts.Add(("overdueMaxDays", odMax.ToString(CultureInfo.InvariantCulture)));
        if (f.Period?.From is { } from) parts.Add(("from", Day(from)));
        if (f.Period?.To is { } to) parts.Add(("to", Day(to)));
        return "#/invoices?" + string.Join('&', parts.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }

    private static string Status(QuestionKind kind, QuestionFilters f) => kind switch
    {
        QuestionKind.Overdue => "overdue",
        QuestionKind.Unpaid or QuestionKind.Balance => "unpaid",
        QuestionKind.Pending => "pending",
        QuestionKind.MyApprovals => "mine",
        QuestionKind.Sent => "sent",
        QuestionKind.Paid => "paid",
        QuestionKind.Approved => "approved",
        QuestionKind.FailedSends => "failed",
        _ => f.Status?.ToString().ToLowerInvariant() ?? "all",
    };

    private static string Invariant(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
