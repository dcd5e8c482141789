using System.Globalization;
using System.Text;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Reconciliation;

/// <summary>Emails the reconciliation report, as it stands when it is sent, to the managers who get the digest.</summary>
public sealed class ReconciliationEmailHandler(ReconciliationBuilder reports, ApproverDirectory approvers, StaffEmails emails) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var managers = approvers.HoldingRole(ApprovalSettings.ManagerRole).Where(m => m.Email.Length > 0).ToList();
        if (managers.Count == 0) return;
        var report = await reports.BuildAsync(ct);
        var subject = report.Total == 0
            ? $"ChatBilling reconciliation, {report.IsoWeek}: everything matches"
            : $"ChatBilling reconciliation, {report.IsoWeek}: {report.Total} exception(s)";
        await emails.SendAsync(message.IdempotencyKey, subject, ReconciliationText.Render(report), managers, ct);
    }
}

/// <summary>
/// The report as plain text, for email. A line that cannot be written (a currency this build no longer knows) says so and is
/// added to <c>skipped</c>; the rest of the report still goes.
/// </summary>
public static class ReconciliationText
{
    public static string Render(ReconciliationReport report, List<Jobs.JobFailure>? skipped = null)
    {
        var text = new StringBuilder($"Reconciliation for {report.IsoWeek} (as of {report.AsOf:yyyy-MM-dd})\n");
        if (report.Total == 0) return text.Append("\nEvery payment matches an invoice and no paid invoice is short or over.\n").ToString();
        skipped ??= [];
        Section(text, skipped, "Payments with no invoice", report.UnmatchedPayments, p => ((Guid?)null, $"payment {p.Reference}"), p =>
            $"{p.Reference} · {p.InvoiceReference} · {Money(p.Amount, p.Currency)} paid {p.PaidOn:yyyy-MM-dd}: {p.Problem}{(p.New ? " (new)" : "")}");
        Section(text, skipped, "Overpaid invoices", report.Overpayments, i => (i.InvoiceId, i.Number), i =>
            $"{i.Number} · {i.ClientName} · paid {Money(i.AmountPaid, i.Currency)} of {Money(i.Total, i.Currency)}: {Money(-i.Difference, i.Currency)} over · refs {string.Join(", ", i.PaymentReferences)}");
        Section(text, skipped, "Past due with a payment, not Paid", report.PastDueWithPayment, i => (i.InvoiceId, i.Number), i =>
            $"{i.Number} · {i.ClientName} · {Money(i.Difference, i.Currency)} still owed, {ChatFormat.Days(i.DaysPastDue)} past due · refs {string.Join(", ", i.PaymentReferences)}");
        Section(text, skipped, "Partly paid, not yet due", report.PartialPayments, i => (i.InvoiceId, i.Number), i =>
            $"{i.Number} · {i.ClientName} · paid {Money(i.AmountPaid, i.Currency)} of {Money(i.Total, i.Currency)}, due {i.DueDate:yyyy-MM-dd}");
        return text.ToString();
    }

    private static string Money(decimal amount, string? currency) =>
        currency is null ? amount.ToString(CultureInfo.InvariantCulture) : ChatFormat.Money(amount, currency);

    private static void Section<T>(StringBuilder text, List<Jobs.JobFailure> skipped, string title, IReadOnlyList<T> items,
        Func<T, (Guid? Invoice, string Name)> name, Func<T, string> line)
    {
        if (items.Count == 0) return;
        text.Append($"\n{title} ({items.Count})\n");
        foreach (var item in items)
        {
            try
            {
                text.Append($"  - {line(item)}\n");
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                var (invoice, what) = name(item);
                skipped.Add(new(invoice, what, e));
                text.Append($"  - {what}: cannot be shown ({e.Message}); see the exception queue\n");
            }
        }
    }
}
