using System.Text.RegularExpressions;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Conversations;

/// <summary>People's words for answers: statuses, headings, filters as chips, history lines without hashes or user agents.</summary>
internal sealed partial class AnswerWords(AnswerFormat format)
{
    public static string StatusName(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "Draft",
        InvoiceStatus.PendingApproval => "Waiting for approval",
        InvoiceStatus.Rejected => "Rejected",
        InvoiceStatus.Approved => "Approved, not sent yet",
        InvoiceStatus.Sent => "Sent, not paid yet",
        InvoiceStatus.Failed => "Sending failed",
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Void => "Void",
        _ => status.ToString(),
    };

    private static string Heading(QuestionKind kind, InvoiceStatus? status) => kind switch
    {
        QuestionKind.Overdue => "Overdue",
        QuestionKind.Unpaid => "Unpaid",
        QuestionKind.Balance => "Still owed",
        QuestionKind.Pending => "Waiting for approval",
        QuestionKind.MyApprovals => "Waiting for your approval",
        QuestionKind.Sent => "Sent",
        QuestionKind.Paid => "Paid",
        QuestionKind.Approved => "Approved",
        QuestionKind.FailedSends => "Failed sends",
        QuestionKind.InStatus => status switch { InvoiceStatus.Draft => "Drafts", { } s => StatusName(s), _ => "Invoices" },
        _ => "Invoices",
    };

    /// <summary>"Overdue for Acme GmbH, over €10,000.00, due this week": the question as understood.</summary>
    public string Title(QuestionKind kind, QuestionFilters f, IReadOnlyList<ClientRef>? clients)
    {
        var client = ClientWords(clients);
        var rest = Chips(f, null);
        var head = kind == QuestionKind.Balance && client is not null ? $"{client} owes" : Heading(kind, f.Status)
            + (client is not null ? $" for {client}" : "");
        var others = rest.Where(c => !(kind == QuestionKind.InStatus && f.Status is { } s && c == StatusName(s).ToLowerInvariant())).ToList();
        return others.Count == 0 ? head : $"{head}, {string.Join(", ", others)}";
    }

    /// <summary>Each filter as a short phrase, clients first.</summary>
    public IReadOnlyList<string> Chips(QuestionFilters f, IReadOnlyList<ClientRef>? clients)
    {
        var chips = new List<string>();
        if (ClientWords(clients) is { } client) chips.Add(client);
        if (f.MinAmount is { } min && f.MaxAmount is { } max) chips.Add($"{Amount(min.Amount, f.Currency)} to {Amount(max.Amount, f.Currency)}");
        else if (f.MinAmount is { } over) chips.Add($"{(over.Inclusive ? "at least" : "over")} {Amount(over.Amount, f.Currency)}");
        else if (f.MaxAmount is { } under) chips.Add($"{(under.Inclusive ? "at most" : "under")} {Amount(under.Amount, f.Currency)}");
        if (f.Currency is { } currency) chips.Add($"in {currency}");
        if (f.Due is { } due) chips.Add(Due(due));
        if (f.OverdueMinDays is { } od && f.OverdueMaxDays is { } odMax) chips.Add($"{od} to {odMax} days overdue");
        else if (f.OverdueMinDays is { } atLeast) chips.Add($"{atLeast}+ days overdue");
        else if (f.OverdueMaxDays is { } atMost) chips.Add($"up to {atMost} days overdue");
        if (f.Status is { } status) chips.Add(StatusName(status).ToLowerInvariant());
        if (f.PeriodWords is { } period) chips.Add(period);
        return chips;
    }

    private static string? ClientWords(IReadOnlyList<ClientRef>? clients) => clients switch
    {
        null or { Count: 0 } => null,
        { Count: 1 } => clients[0].Name,
        { Count: 2 } => $"{clients[0].Name} or {clients[1].Name}",
        _ => $"{clients[0].Name} and {clients.Count - 1} more clients",
    };

    private string Amount(decimal amount, string? currency) => currency is null ? format.Number(amount) : format.Money(amount, currency);

    private string Due(DayRange due) => (due.From, due.To) switch
    {
        ({ } from, { } to) when from == to => $"due {format.ShortDate(from)}",
        ({ } from, { } to) => $"due {format.ShortDate(from)} – {format.ShortDate(to)}",
        (null, { } to) => $"due by {format.ShortDate(to)}",
        ({ } from, null) => $"due from {format.ShortDate(from)}",
        _ => "due any day",
    };

    /// <summary>One history line in words: who (by name), what, and the detail without hashes, tokens or user agents.</summary>
    public static string Describe(AuditEntry a, ApproverDirectory approvers)
    {
        var who = People.Name(a.Actor, approvers);
        var detail = a.Action is AuditActions.Viewed or AuditActions.Downloaded || a.Channel == "link" ? "" : Clean(a.Detail ?? "");
        var said = a.Action switch
        {
            AuditActions.Created => $"Created by {who}",
            AuditActions.Edited => $"Edited by {who}",
            AuditActions.Submitted => $"Submitted for approval by {who}",
            AuditActions.AutoApproved => "Approved automatically (under the approval threshold)",
            AuditActions.Approved => $"Approved by {who}",
            AuditActions.ApprovedStep => $"Approved by {who}; the next step is open",
            AuditActions.Rejected => $"Rejected by {who}",
            AuditActions.Sent => "Emailed to the client",
            AuditActions.Emailed => "Emailed to the client again",
            AuditActions.EmailSkipped => "Not emailed",
            AuditActions.SendFailed => "Sending failed",
            AuditActions.SendRetried => $"Queued to be sent again by {who}",
            AuditActions.Voided => $"Voided by {who}",
            AuditActions.Payment => "Payment received",
            AuditActions.Paid => "Paid in full",
            AuditActions.PaymentMatched => $"Payment matched by {who}",
            AuditActions.PaymentNotApplied => "Payment received for a void invoice",
            AuditActions.ReminderSent => "Payment reminder emailed",
            AuditActions.ReminderSkipped => "Payment reminder skipped",
            AuditActions.ApprovalReminded => "Approvers reminded",
            AuditActions.Escalated => "Escalated to managers",
            AuditActions.Triggered => $"Created from {who}",
            AuditActions.Scheduled => $"Created by {who}",
            AuditActions.Viewed => "The client opened the invoice link",
            _ => $"{char.ToUpperInvariant(a.Action[0])}{a.Action[1..].Replace('-', ' ')} by {who}",
        };
        // Details that only repeat the line ("Dana Approver approved step 1 of 2") add nothing; keep the ones that say more.
        var useful = a.Action is AuditActions.Rejected or AuditActions.Voided or AuditActions.SendFailed or AuditActions.Payment
            or AuditActions.ReminderSent or AuditActions.Escalated or AuditActions.Triggered or AuditActions.Scheduled or AuditActions.PaymentMatched or AuditActions.PaymentNotApplied;
        return useful && detail.Length > 0 ? $"{said}: {detail}" : said;
    }

    /// <summary>Text without SHA-256 and other long hex, token-like runs, approver emails or anything that looks like a user agent.</summary>
    public static string Clean(string detail)
    {
        if (UserAgent().IsMatch(detail)) return "";
        var text = LongHex().Replace(detail, "");
        text = LongToken().Replace(text, "");
        text = Spaces().Replace(text, " ").Trim().Trim(',', ';').Trim();
        return text.Length > 160 ? text[..157] + "…" : text;
    }

    [GeneratedRegex(@"(?:SHA-?256[:\s]*)?\b[0-9a-fA-F]{32,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex LongHex();

    [GeneratedRegex(@"\b[A-Za-z0-9_\-]{40,}\b")]
    private static partial Regex LongToken();

    [GeneratedRegex(@"Mozilla/|AppleWebKit|Gecko/|Chrome/\d|Safari/\d|curl/\d|python-requests|okhttp|Slackbot|MSIE \d", RegexOptions.IgnoreCase)]
    private static partial Regex UserAgent();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
