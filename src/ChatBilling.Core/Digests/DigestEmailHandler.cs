using System.Text;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Digests;

/// <summary>Emails the digest, as it stands when it is sent, to every approver holding the manager role.</summary>
public sealed class DigestEmailHandler(
    DigestBuilder digests, ApproverDirectory approvers, StaffEmails emails) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var managers = approvers.HoldingRole(ApprovalSettings.ManagerRole).Where(m => m.Email.Length > 0).ToList();
        if (managers.Count == 0) return;
        var card = await digests.BuildAsync(ct);
        var text = DigestText.Render(card);
        var subject = card.Quiet ? $"ChatBilling digest, {card.DateLabel}: all quiet" : $"ChatBilling digest, {card.DateLabel}";
        await emails.SendAsync(message.IdempotencyKey, subject, text, managers, ct);
    }
}

/// <summary>The digest as plain text, for email and for clients that show no cards.</summary>
public static class DigestText
{
    public static string Render(DigestCard card)
    {
        if (card.Quiet) return $"{card.DateLabel}\n\n{card.QuietLine}\nSent yesterday: {card.SentYesterday}.\n{Extras(card)}";
        var text = new StringBuilder($"{card.DateLabel}\n");
        Section(text, "Failed sends", card.FailedSends, f => $"{f.Number} · {f.ClientName}: {f.Reason}");
        if (card.PaymentExceptions is { } payments)
            Section(text, "Payment exceptions", payments, p => $"{p.Reference} · {p.Invoice} · {p.Amount}: {p.Problem}");
        Section(text, "Waiting for approval", card.PendingApprovals, p => $"{p.Number} · {p.ClientName} · {p.Amount} · {p.Step} · waiting {p.Age} for {p.WaitingFor}");
        foreach (var bucket in card.OverdueBuckets.Where(b => b.Count > 0))
            Section(text, $"Overdue {bucket.Label}", bucket.Invoices, o => $"{o.Number} · {o.ClientName} · {o.Amount} · due {o.DueDate}");
        if (card.OverdueTotals.Count > 0) text.Append($"\nOverdue in total: {string.Join(", ", card.OverdueTotals.Select(t => t.Amount))}\n");
        text.Append($"\nSent yesterday: {card.SentYesterday}.\n");
        return text.Append(Extras(card)).ToString();
    }

    /// <summary>The reconciliation line and the numbers that matter, after the lists to act on.</summary>
    private static string Extras(DigestCard card)
    {
        var text = new StringBuilder();
        if (card.Reconciliation is { } reconciliation) text.Append($"\n{reconciliation}.\n");
        if (card.Numbers is { } numbers)
        {
            text.Append($"\nThe numbers, {numbers.Window}\n");
            foreach (var fact in numbers.Facts) text.Append($"  {fact.Title}: {fact.Value}\n");
        }
        return text.ToString();
    }

    private static void Section<T>(StringBuilder text, string title, CardList<T> items, Func<T, string> line)
    {
        if (items.Total == 0) return;
        text.Append($"\n{title} ({items.Total})\n");
        foreach (var item in items.Items) text.Append($"  - {line(item)}\n");
        if (items.More > 0) text.Append($"  …and {items.More} more\n");
    }
}
