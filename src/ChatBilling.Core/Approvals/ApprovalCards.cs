using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>A card to show for an invoice: its template name and the view model to bind.</summary>
public sealed record ShownCard(Guid InvoiceId, string TemplateName, object Card, bool CanDecide);

/// <summary>
/// Builds the approval card an invoice shows a given person, the same for every channel: the request with its
/// buttons when that person may decide the waiting step, otherwise the outcome or who it waits for.
/// </summary>
public sealed class ApprovalCards(
    ChatBillingDb db, ApprovalService approvals, ApproverDirectory approvers, PreviewChecks checks, IDocumentLinks links,
    Microsoft.Extensions.Options.IOptionsMonitor<ApprovalSettings> settings, Delegations delegations)
{
    /// <summary>The card one person sees: the request with buttons only when they may decide the waiting step (themselves or standing in).</summary>
    public async Task<ShownCard> ForAsync(Guid invoiceId, string? viewerEmail, CancellationToken ct = default)
    {
        var map = await delegations.TodayAsync(ct);
        return (await BuildAsync(invoiceId, (invoice, steps, current) =>
            approvers.ByEmail(viewerEmail) is { } viewer && MayDecide(invoice, steps, current, viewer, map), ct)).Card;
    }

    /// <summary>
    /// The card a chat channel shows everyone: the request with buttons while a step waits (each click is judged
    /// against the clicker), otherwise the outcome; with the people who may decide the waiting step, for mentions.
    /// </summary>
    public async Task<Channels.ChannelApproval> ForChannelAsync(Guid invoiceId, CancellationToken ct = default)
    {
        IReadOnlyList<ApproverSettings> deciders = [];
        var map = await delegations.TodayAsync(ct);
        var (card, invoice) = await BuildAsync(invoiceId, (invoice, steps, current) =>
        {
            // Someone away is not mentioned: the person standing in for them is, so the card goes to the delegate.
            deciders = approvers.All.Where(a => map.AwayBy(a.Email) is null && MayDecide(invoice, steps, current, a, map)).ToList();
            return true;
        }, ct);
        return new(invoiceId, invoice.Number, card, deciders);
    }

    private bool MayDecide(Invoice invoice, IReadOnlyList<ApprovalStep> steps, ApprovalStep current, ApproverSettings person, DelegationMap map) =>
        approvals.Authority(invoice, steps, current, person, map).WhyNot is null;

    private async Task<(ShownCard Card, Invoice Invoice)> BuildAsync(Guid invoiceId,
        Func<Invoice, IReadOnlyList<ApprovalStep>, ApprovalStep, bool> showButtons, CancellationToken ct)
    {
        var (invoice, steps) = await approvals.StepsAsync(invoiceId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == invoice.ClientId, ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var current = invoice.Status == InvoiceStatus.PendingApproval
            ? steps.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null) : null;
        // Both amounts when the invoice is not in the approvals currency: the approver judges limits in theirs.
        var amount = ApprovalPlan.Shown(invoice, settings.CurrentValue);

        if (current is not null && showButtons(invoice, steps, current))
        {
            var warnings = (await checks.RunAsync(invoice, ct)).Select(c => new CardCheck(CheckSeverity.Warning, c.Message));
            var card = new ApprovalRequestCard(invoice.Id, invoice.Number, client.Name, amount, ChatFormat.Date(invoice.IssueDate),
                ChatFormat.Date(invoice.DueDate), invoice.LineItems.Count, StepText(steps, current),
                invoice.CreatedBy, links.PreviewUrl(invoice.Id), links.PdfUrl(invoice.Id), CardList.Of(warnings),
                ApprovalService.CardVersion(invoice, current));
            return (new(invoice.Id, ApprovalRequestCard.TemplateName, card, CanDecide: true), invoice);
        }
        var decided = steps.LastOrDefault(s => s.Round == round && s.DecidedAt is not null);
        var recall = invoice.Status == InvoiceStatus.Draft ? await LastRecallAsync(invoice.Id, ct) : null;
        var (outcome, text) = (invoice.Status, current) switch
        {
            (InvoiceStatus.Void, _) => (DecisionOutcome.Rejected, "Voided: nothing waits for a decision any more."),
            (InvoiceStatus.Draft, _) when recall is not null =>
                (DecisionOutcome.Rejected, $"Recalled by {Name(recall.Actor)}: {recall.Detail}. Nothing waits for a decision until it is submitted again."),
            (InvoiceStatus.Rejected, _) when decided is { Reason: var reason } =>
                (DecisionOutcome.Rejected, $"Rejected by {DecidedByText(decided)}: {reason}"),
            (InvoiceStatus.PendingApproval, { } waiting) =>
                (DecisionOutcome.Waiting, $"Waiting for s{StepText(steps, waiting)[1..]} ({string.Join(", ", approvers.ToChase(waiting, escalated: false).Select(a => a.Name))})"),
            _ when decided is not null => (DecisionOutcome.Approved, $"Approved by {DecidedByText(decided)} · now {invoice.Status}"),
            _ => (DecisionOutcome.Approved, $"{invoice.Status}"),
        };
        var at = recall is not null ? ChatFormat.When(recall.At)
            : decided?.DecidedAt is { } when ? ChatFormat.When(when) : ChatFormat.When(invoice.UpdatedAt);
        return (new(invoice.Id, DecidedCard.TemplateName,
            new DecidedCard(invoice.Number, client.Name, amount, outcome, text, at, links.PdfUrl(invoice.Id)), CanDecide: false), invoice);
    }

    /// <summary>"Step 2 of 3 · finance", and for a step needing several people of a role, how many more it needs.</summary>
    private static string StepText(IReadOnlyList<ApprovalStep> steps, ApprovalStep step)
    {
        var text = $"Step {step.Sequence} of {step.StepCount} · {step.Role}";
        var (count, stillNeeded) = ApprovalRoutes.RoleRun(steps.Where(s => s.Round == step.Round).OrderBy(s => s.Sequence).ToList(), step);
        return count > 1 ? $"{text} ({stillNeeded} more of {count} {step.Role} needed)" : text;
    }

    private Task<Audit.AuditEntry?> LastRecallAsync(Guid invoiceId, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(e => e.InvoiceId == invoiceId && e.Action == AuditActions.Recalled)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);

    /// <summary>"Sam Second for Dana Approver" when a delegate decided.</summary>
    private string DecidedByText(ApprovalStep step) =>
        step.DecidedFor is { } principal ? $"{Name(step.DecidedBy)} for {Name(principal)}" : Name(step.DecidedBy);

    private string Name(string? email) => approvers.ByEmail(email)?.Name ?? email ?? "someone";
}
