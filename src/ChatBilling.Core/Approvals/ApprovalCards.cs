using System.Linq.Expressions;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>A card to show for an invoice: its template name and the view model to bind.</summary>
public sealed record ShownCard(Guid InvoiceId, string TemplateName, object Card, bool CanDecide);

/// <summary>A card with what it was built from: the invoice (not tracked) and its steps in order.</summary>
public sealed record CardWithFacts(ShownCard Card, Invoice Invoice, IReadOnlyList<ApprovalStep> Steps);

/// <summary>
/// Builds the approval card an invoice shows a given person, the same for every channel: the request with its
/// buttons when that person may decide the waiting step, otherwise the outcome or who it waits for.
/// </summary>
public sealed partial class ApprovalCards(
    ChatBillingDb db, ApprovalService approvals, ApproverDirectory approvers, PreviewChecks checks, IDocumentLinks links,
    Microsoft.Extensions.Options.IOptionsMonitor<ApprovalSettings> settings, Delegations delegations)
{
    /// <summary>The card one person sees: the request with buttons only when they may decide the waiting step (themselves or standing in).</summary>
    public async Task<ShownCard> ForAsync(Guid invoiceId, string? viewerEmail, CancellationToken ct = default) =>
        (await ForManyAsync([invoiceId], viewerEmail, ct)).Single();

    /// <summary>
    /// The cards of several invoices as one person sees them, in the order given, read in a fixed number of queries
    /// (invoices, steps, clients, recalls, checks) whatever their count: the console inbox shows a page of them at once.
    /// </summary>
    public async Task<IReadOnlyList<ShownCard>> ForManyAsync(IReadOnlyList<Guid> invoiceIds, string? viewerEmail, CancellationToken ct = default)
    {
        var viewer = approvers.ByEmail(viewerEmail);
        var map = await delegations.TodayAsync(ct);
        var facts = await LoadAsync(invoiceIds, ct);
        var withButtons = facts.Where(f => f.Current is not null && viewer is not null && MayDecide(f.Invoice, f.Steps, f.Current, viewer, map))
            .Select(f => f.Invoice).ToList();
        var warnings = await checks.RunManyAsync(withButtons, ct);
        return facts.Select(f => Build(f, warnings.TryGetValue(f.Invoice.Id, out var found) ? found : null, viewer?.Email)).ToList();
    }

    /// <summary>
    /// A page of the invoices waiting for approval as one person sees them: those they may decide first, then the
    /// rest, each group most recently changed first; with how many wait in all.
    /// </summary>
    public async Task<(IReadOnlyList<ShownCard> Cards, int Total)> WaitingPageAsync(string? viewerEmail, int skip, int take, CancellationToken ct = default)
    {
        // One connection for the page's ten or so reads: each open is a trip to the pool and, on SQLite, a PRAGMA.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await PageAsync(viewerEmail, skip, take, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(IReadOnlyList<ShownCard> Cards, int Total)> PageAsync(string? viewerEmail, int skip, int take, CancellationToken ct)
    {
        var waiting = db.Invoices.AsNoTracking().IgnoreAutoIncludes().Where(i => i.Status == InvoiceStatus.PendingApproval);
        var total = await waiting.CountAsync(ct);
        // Instants order on both providers (UTC ticks on SQLite); the number breaks ties so pages never overlap.
        static IQueryable<Guid> Page(IQueryable<Invoice> invoices, int skip, int take) =>
            invoices.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Number).Skip(skip).Take(take).Select(i => i.Id);
        if (approvers.ByEmail(viewerEmail) is not { } viewer)
            return (await ForManyAsync(await Page(waiting, skip, take).ToListAsync(ct), viewerEmail, ct), total);

        // "May decide" is the same rule as Authority, written as a predicate (DecidableQuery). The viewer's own come first:
        // filtered rather than sorted on, so the (Status, UpdatedAt, Number) index gives them in order and the predicate is
        // tested only until the page is full, not on every waiting invoice.
        var mine = new DecidableQuery(db, approvers, settings.CurrentValue).For(viewer, await delegations.TodayAsync(ct));
        var page = await Page(waiting.Where(mine), skip, take).ToListAsync(ct);
        if (page.Count < take)
        {
            // Past the viewer's own: the others follow in the same order. How many were the viewer's is known from this
            // page unless it started beyond them all.
            var decidable = page.Count > 0 || skip == 0 ? skip + page.Count : await waiting.CountAsync(mine, ct);
            var others = Expression.Lambda<Func<Invoice, bool>>(Expression.Not(mine.Body), mine.Parameters);
            page.AddRange(await Page(waiting.Where(others), Math.Max(0, skip - decidable), take - page.Count).ToListAsync(ct));
        }
        return (await ForManyAsync(page, viewerEmail, ct), total);
    }

    /// <summary>
    /// The card a chat channel shows everyone: the request with buttons while a step waits (each click is judged
    /// against the clicker), otherwise the outcome; with the people who may decide the waiting step, for mentions.
    /// </summary>
    public async Task<Channels.ChannelApproval> ForChannelAsync(Guid invoiceId, CancellationToken ct = default) =>
        (await ForChannelManyAsync([invoiceId], ct))[invoiceId];

    /// <summary>
    /// The card for nobody in particular (the same as <see cref="ForAsync"/> with no viewer), with the invoice and its
    /// steps (by round, then sequence) it was built from: a Teams click checks those and is answered with this card, so
    /// the invoke reads them once, not once for the checks and again for the card.
    /// </summary>
    public async Task<CardWithFacts> ForNobodyWithFactsAsync(Guid invoiceId, CancellationToken ct = default)
    {
        var facts = (await LoadAsync([invoiceId], ct)).Single();
        return new(Build(facts, warnings: null, viewerEmail: null), facts.Invoice, facts.Steps);
    }

    /// <summary>What a card is made of, for one invoice: its steps, client, the open step and the last recall of a draft.</summary>
    private sealed record CardFacts(Invoice Invoice, IReadOnlyList<ApprovalStep> Steps, Client Client, int Round, ApprovalStep? Current, AuditEntry? Recall,
        IReadOnlyList<QuestionView> Questions);

    private async Task<List<CardFacts>> LoadAsync(IReadOnlyList<Guid> invoiceIds, CancellationToken ct)
    {
        var ids = invoiceIds.Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var missing = ids.FirstOrDefault(id => !invoices.ContainsKey(id));
        if (missing != Guid.Empty) throw new NotFoundException($"There is no invoice {missing}.");
        var steps = (await db.ApprovalSteps.AsNoTracking().Where(s => ids.Contains(s.InvoiceId)).ToListAsync(ct))
            .OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToLookup(s => s.InvoiceId);
        var clientIds = invoices.Values.Select(i => i.ClientId).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var drafts = invoices.Values.Where(i => i.Status == InvoiceStatus.Draft).Select(i => i.Id).ToList();
        var recalls = drafts.Count == 0 ? [] : (await db.AuditEntries.AsNoTracking()
                .Where(e => drafts.Contains(e.InvoiceId) && e.Action == AuditActions.Recalled).ToListAsync(ct))
            .GroupBy(e => e.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        // Questions asked before deciding, shown on the card with their answers (waiting invoices only).
        var pending = invoices.Values.Where(i => i.Status == InvoiceStatus.PendingApproval).Select(i => i.Id).ToList();
        ILookup<Guid, AuditEntry>? asked = pending.Count == 0 ? null : (await db.AuditEntries.AsNoTracking()
                .Where(e => pending.Contains(e.InvoiceId) && (e.Action == AuditActions.Asked || e.Action == AuditActions.Answered || e.Action == AuditActions.Submitted))
                .ToListAsync(ct)).ToLookup(e => e.InvoiceId);
        return invoiceIds.Select(id =>
        {
            var invoice = invoices[id];
            var own = steps[id].ToList();
            var round = own.Count == 0 ? 0 : own.Max(s => s.Round);
            var current = invoice.Status == InvoiceStatus.PendingApproval
                ? own.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null) : null;
            return new CardFacts(invoice, own, clients[invoice.ClientId], round, current, recalls.GetValueOrDefault(id),
                asked is null ? [] : ApprovalQuestions.Pair(asked[id], approvers));
        }).ToList();
    }

    private bool MayDecide(Invoice invoice, IReadOnlyList<ApprovalStep> steps, ApprovalStep current, ApproverSettings person, DelegationMap map) =>
        approvals.Authority(invoice, steps, current, person, map).WhyNot is null;

    /// <summary>The request with its buttons when <paramref name="warnings"/> were worked out for it (someone may decide), otherwise the outcome.</summary>
    /// <param name="viewerEmail">Who sees the card; null for a channel's shared card. Left out of the "Reassign…" choices.</param>
    private ShownCard Build(CardFacts facts, IReadOnlyList<PreviewCheck>? warnings, string? viewerEmail)
    {
        var (invoice, steps, client, round, current, recall, questions) = facts;
        // Both amounts when the invoice is not in the approvals currency: the approver judges limits in theirs.
        var amount = ApprovalPlan.Shown(invoice, settings.CurrentValue);

        if (current is not null && warnings is not null)
        {
            var card = new ApprovalRequestCard(invoice.Id, invoice.Number, client.Name, amount, ChatFormat.Date(invoice.IssueDate),
                ChatFormat.Date(invoice.DueDate), invoice.LineItems.Count, StepText(steps, current),
                Conversations.People.Name(invoice.CreatedBy, approvers), links.PreviewUrl(invoice.Id), links.PdfUrl(invoice.Id),
                CardList.Of(questions.Select(q => new CardCheck(CheckSeverity.Info, q.Shown))
                    .Concat(warnings.Select(c => new CardCheck(CheckSeverity.Warning, c.Message)))),
                ApprovalService.CardVersion(invoice, current),
                ReassignCandidates.For(approvals, approvers, invoice, steps, current, viewerEmail).Select(p => new CardChoice(p.Name, p.Email)).ToList());
            return new(invoice.Id, ApprovalRequestCard.TemplateName, card, CanDecide: true);
        }
        var decided = steps.LastOrDefault(s => s.Round == round && s.DecidedAt is not null);
        var (outcome, text) = (invoice.Status, current) switch
        {
            (InvoiceStatus.Void, _) => (DecisionOutcome.Rejected, "Voided: nothing waits for a decision any more."),
            (InvoiceStatus.Draft, _) when recall is not null =>
                (DecisionOutcome.Rejected, $"Recalled by {Name(recall.Actor)}: {recall.Detail}. Nothing waits for a decision until it is submitted again."),
            (InvoiceStatus.Rejected, _) when decided is { Reason: var reason } =>
                (DecisionOutcome.Rejected, $"Rejected by {DecidedByText(decided)}: {reason}"),
            (InvoiceStatus.PendingApproval, { } waiting) =>
                (DecisionOutcome.Waiting, $"Waiting for s{StepText(steps, waiting)[1..]} ({string.Join(", ", approvers.ToChase(waiting, escalated: false).Select(a => a.Name))})"
                    + (questions.Count > 0 ? $" · {questions[^1].Shown}" : "")),
            _ when decided is not null => (DecisionOutcome.Approved, $"Approved by {DecidedByText(decided)} · now {invoice.Status}"),
            _ => (DecisionOutcome.Approved, $"{invoice.Status}"),
        };
        var at = recall is not null ? ChatFormat.When(recall.At)
            : decided?.DecidedAt is { } when ? ChatFormat.When(when) : ChatFormat.When(invoice.UpdatedAt);
        return new(invoice.Id, DecidedCard.TemplateName,
            new DecidedCard(invoice.Number, client.Name, amount, outcome, text, at, links.PdfUrl(invoice.Id)), CanDecide: false);
    }

    /// <summary>"Step 2 of 3 · finance", and for a step needing several people of a role, how many more it needs.</summary>
    private static string StepText(IReadOnlyList<ApprovalStep> steps, ApprovalStep step)
    {
        var text = $"Step {step.Sequence} of {step.StepCount} · {step.Role}";
        var (count, stillNeeded) = ApprovalRoutes.RoleRun(steps.Where(s => s.Round == step.Round).OrderBy(s => s.Sequence).ToList(), step);
        return count > 1 ? $"{text} ({stillNeeded} more of {count} {step.Role} needed)" : text;
    }

    /// <summary>"Sam Second for Dana Approver" when a delegate decided.</summary>
    private string DecidedByText(ApprovalStep step) =>
        step.DecidedFor is { } principal ? $"{Name(step.DecidedBy)} for {Name(principal)}" : Name(step.DecidedBy);

    private string Name(string? email) => approvers.ByEmail(email)?.Name ?? email ?? "someone";
}
