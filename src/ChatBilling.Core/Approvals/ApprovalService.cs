using ChatBilling.Core.Audit;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Approvals;

/// <summary>Submits invoices for approval and takes decisions, only from the people the rules name.</summary>
public sealed class ApprovalService(
    ChatBillingDb db, TimeProvider time, IOptionsMonitor<ApprovalSettings> settings, ApproverDirectory approvers,
    InvoiceDocuments documents, OutboxWriter outbox, Channels.ChatOutbox chat, Delegations delegations, ApprovalRequests requests)
{
    public const int MaxReasonLength = Storage.FieldLengths.Reason;

    /// <summary>Asks the roles the rules name for approval, or approves at once under <c>AutoApproveBelow</c>.</summary>
    public async Task<Invoice> SubmitAsync(Guid invoiceId, Actor by, CancellationToken ct = default)
    {
        // Drawn before the invoice's lock is taken: drawing the PDF and its preview is most of a submission, and on SQLite
        // that lock is the single writer every card post, click and email waits for. The freeze below uses this drawing
        // only if nothing it was drawn from changed meanwhile.
        var drawn = await documents.DrawAheadAsync(invoiceId, ct);
        return await db.ForInvoiceAsync(invoiceId, () => SubmitLockedAsync(invoiceId, by, drawn, ct), ct);
    }

    private async Task<Invoice> SubmitLockedAsync(Guid invoiceId, Actor by, DrawnDocument? drawn, CancellationToken ct)
    {
        var invoice = await FindInvoiceAsync(invoiceId, ct);
        if (invoice.Status is not (InvoiceStatus.Draft or InvoiceStatus.Rejected))
            throw new TransitionRefusedException($"Only Draft or Rejected invoices can be submitted; {invoice.Number} is {invoice.Status}.");
        var now = time.GetUtcNow();
        var earlier = await db.ApprovalSteps.Where(s => s.InvoiceId == invoiceId).ToListAsync(ct);
        // A new submission is a new document: decisions about the previous one no longer count.
        foreach (var step in earlier.Where(s => s.Status != StepStatus.Superseded)) step.Supersede();
        var round = earlier.Count == 0 ? 1 : earlier.Max(s => s.Round) + 1;

        // What is approved is what is sent: the document is frozen now, and its hash goes into the history.
        var document = await documents.FreezeAsync(invoice, drawn, ct);
        var documentNote = $"Document sha256 {document.Sha256} ({document.PageCount} page(s), {document.Pdf.Length} bytes).";
        var roles = ApprovalPlan.RolesFor(invoice, settings.CurrentValue, approvers.RequiresDistinctApprovers);
        if (roles.Count == 0)
        {
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, by, AuditActions.AutoApproved, now,
                $"Total {ApprovalPlan.Shown(invoice, settings.CurrentValue)} is under the auto-approve threshold of {settings.CurrentValue.AutoApproveBelow} {settings.CurrentValue.Currency}. {documentNote}"));
            await outbox.EnqueueInvoiceEmailAsync(invoice, ct);
        }
        else
        {
            var steps = roles.Select((role, i) => new ApprovalStep
            {
                InvoiceId = invoice.Id, Round = round, Sequence = i + 1, StepCount = roles.Count, Role = role,
                DocumentSha256 = document.Sha256,
            }).ToList();
            steps[0].Open(now);
            db.ApprovalSteps.AddRange(steps);
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.PendingApproval, by, AuditActions.Submitted, now,
                $"Needs approval by {string.Join(", then ", roles)}. {documentNote}"));
            await chat.ApprovalRequestedAsync(invoice, round, ct);
            await requests.EnqueueAsync(invoice, steps[0], Deciders(invoice, steps, steps[0], await delegations.TodayAsync(ct)),
                $"{approvers.ByEmail(by.Name)?.Name ?? by.Name} submitted it.", ct);
        }
        await SaveAsync(invoice, ct);
        return invoice;
    }

    /// <summary>
    /// Submits a Draft that was never submitted, and leaves anything else as it is: for automatic submission (triggers,
    /// schedules), where a retry after a crash between creating and submitting must finish the job, not repeat it.
    /// </summary>
    public async Task<Invoice> SubmitOnceAsync(Guid invoiceId, Actor by, CancellationToken ct = default)
    {
        var invoice = await FindInvoiceAsync(invoiceId, ct);
        if (invoice.Status != InvoiceStatus.Draft || await db.ApprovalSteps.AnyAsync(s => s.InvoiceId == invoiceId, ct)) return invoice;
        try
        {
            return await SubmitAsync(invoiceId, by, ct);
        }
        catch (TransitionRefusedException)
        {
            // Another host submitted it a moment ago.
            db.ChangeTracker.Clear();
            return await FindInvoiceAsync(invoiceId, ct);
        }
    }

    /// <summary>
    /// Applies a decision. Double clicks count once; a click on a stale card or by someone not allowed changes
    /// nothing and says why. Two people deciding at once: one wins, the other is told who did.
    /// </summary>
    public async Task<Decided> DecideAsync(Guid invoiceId, DecisionRequest request, string channel, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim();
        if (!request.Approve && string.IsNullOrEmpty(reason)) throw InvalidInputException.For("reason", "A rejection needs a reason.");
        if (reason?.Length > MaxReasonLength) throw InvalidInputException.For("reason", $"reason must be at most {MaxReasonLength} characters.");
        var approver = approvers.ByEmail(request.ApproverEmail)
            ?? throw new NotPermittedException($"{request.ApproverEmail} is not a configured approver.");

        // Clicks on one invoice queue behind its lock; each is judged against what the one before it did.
        return await db.ForInvoiceAsync(invoiceId, () => TryDecideAsync(invoiceId, request with { Reason = reason }, approver, channel, ct), ct);
    }

    private async Task<Decided> TryDecideAsync(
        Guid invoiceId, DecisionRequest request, ApproverSettings approver, string channel, CancellationToken ct)
    {
        var invoice = await FindInvoiceAsync(invoiceId, ct);
        var steps = await db.ApprovalSteps.Where(s => s.InvoiceId == invoiceId).OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        var verb = request.Approve ? "approved" : "rejected";
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var current = invoice.Status == InvoiceStatus.PendingApproval
            ? steps.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending)
            : null;

        // The step the person was looking at: the card's, or for a bare API call the one now waiting.
        var cardIsCurrent = request.CardVersion is null || (current is not null && request.CardVersion == CardVersion(invoice, current));
        if (!cardIsCurrent || current is null)
        {
            var shown = request.CardVersion is { } version
                ? steps.FirstOrDefault(s => version.StartsWith($"{s.Id}:", StringComparison.Ordinal))
                : steps.LastOrDefault(s => s.Round == round && s.DecidedBy is not null);
            if (shown is not null && IsSameDecision(shown, approver, request.Approve))
                return new(DecisionResult.AlreadyDecided, invoice, shown, $"You already {verb} {invoice.Number} ({shown.Label}).");
            throw new ConflictException(StaleMessage(invoice, shown));
        }
        var mine = steps.LastOrDefault(s => s.Round == round && s.Status == StepStatus.Approved && s.DecidedBy == approver.Email);
        if (mine is not null && request.Approve && approvers.RequiresDistinctApprovers)
            return new(DecisionResult.AlreadyDecided, invoice, mine,
                $"You already approved {mine.Label} of {invoice.Number}; {current.Label} needs someone else.");

        var (standIn, whyNot) = Authority(invoice, steps, current, approver, await delegations.TodayAsync(ct));
        if (whyNot is not null) throw new NotPermittedException(whyNot);
        var now = time.GetUtcNow();
        var actor = new Actor(approver.Email, channel, request.Via);
        current.Decide(request.Approve, approver.Email, now, request.Reason, standIn?.Email);
        // "Sam Second for Dana Approver" when Sam decides in Dana's place.
        var who = standIn is null ? approver.Name : $"{approver.Name} for {standIn.Name}";
        var next = steps.FirstOrDefault(s => s.Round == round && s.Sequence == current.Sequence + 1);
        string message;
        if (!request.Approve)
        {
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Rejected, actor, AuditActions.Rejected, now,
                $"{who} rejected {current.Label}: {request.Reason}"));
            message = $"{invoice.Number} rejected: {request.Reason}";
            // The person who made it hears why, in the same transaction as the rejection.
            await outbox.EnqueueAsync(RejectionNoticeHandler.Kind, $"approval.rejected:{current.Id}", new RejectionNotice(invoice.Id, current.Id), invoice.Id, ct);
        }
        else if (next is null)
        {
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, actor, AuditActions.Approved, now, $"{who} approved {current.Label}."));
            // The email is queued in the same transaction as the approval: both happen or neither.
            await outbox.EnqueueInvoiceEmailAsync(invoice, ct);
            message = $"{invoice.Number} approved.";
        }
        else
        {
            next.Open(now);
            invoice.Touch(now);
            db.AuditEntries.Add(invoice.Record(actor, AuditActions.ApprovedStep, now, $"{who} approved {current.Label}; {next.Label} is next."));
            message = $"{current.Label} approved; waiting for {next.Label}.";
            await requests.EnqueueAsync(invoice, next, Deciders(invoice, steps, next, await delegations.TodayAsync(ct)),
                $"{who} approved {current.Label}.", ct);
        }
        // The posted chat cards change with the decision, in the same transaction.
        await chat.ApprovalChangedAsync(invoice, round, $"step:{current.Id}:{current.Status}", ct);
        await db.SaveChangesAsync(ct);
        return new(DecisionResult.Applied, invoice, current, message);
    }

    /// <summary>
    /// Whether <paramref name="person"/> may decide <paramref name="step"/>: themselves (StandIn null), or standing in
    /// for an away approver who could (a delegation: the role is the away approver's, and both people's limits hold).
    /// Otherwise the reason, for a person.
    /// </summary>
    public (ApproverSettings? StandIn, string? WhyNot) Authority(
        Invoice invoice, IReadOnlyList<ApprovalStep> steps, ApprovalStep step, ApproverSettings person, DelegationMap map)
    {
        bool Decided(ApproverSettings p) =>
            steps.Any(s => s.Round == step.Round && s.Status == StepStatus.Approved && s.DecidedByOrFor(p.Email));
        var own = WhyNot(invoice, step, person, Decided(person));
        if (own is null) return (null, null);
        foreach (var principal in map.PrincipalsOf(person.Email).Select(approvers.ByEmail).OfType<ApproverSettings>())
        {
            if (WhyNot(invoice, step, principal, Decided(principal) || Decided(person)) is null && Personally(invoice, person) is null)
                return (principal, null);
        }
        return (null, own);
    }

    /// <summary>
    /// Who may decide <paramref name="step"/> now: everyone <see cref="Authority"/> allows, except people away, whose
    /// delegates are in the list instead (the cards mention them and the request emails go to them).
    /// </summary>
    public IReadOnlyList<ApproverSettings> Deciders(Invoice invoice, IReadOnlyList<ApprovalStep> steps, ApprovalStep step, DelegationMap map) =>
        approvers.All.Where(a => map.AwayBy(a.Email) is null && Authority(invoice, steps, step, a, map).WhyNot is null).ToList();

    /// <summary>Null when <paramref name="approver"/> may decide <paramref name="step"/>; otherwise the reason, for a person.</summary>
    public string? WhyNot(Invoice invoice, ApprovalStep step, ApproverSettings approver, bool decidedEarlierStep)
    {
        // A reassigned step waits for its assignee only (and, once escalated, for managers too).
        if (step.AssignedTo is { } assignee && !approver.Is(assignee) && !(step.EscalatedAt is not null && approver.HasRole(ApprovalSettings.ManagerRole)))
            return $"{step.Label} of {invoice.Number} was handed to {approvers.ByEmail(assignee)?.Name ?? assignee}; only they decide it now.";
        return Qualification(invoice, step, approver, decidedEarlierStep);
    }

    /// <summary>Whether the person could decide the step if it were handed to them: role, limit, creator, distinct people.</summary>
    public string? Qualification(Invoice invoice, ApprovalStep step, ApproverSettings approver, bool decidedEarlierStep)
    {
        if (!step.AcceptsRolesOf(approver))
            return $"{invoice.Number} waits for {step.Label}; {approver.Name} does not hold the {step.Role} role.";
        if (Personally(invoice, approver) is { } why) return why;
        if (decidedEarlierStep && approvers.RequiresDistinctApprovers)
            return $"{approver.Name} already decided an earlier step of {invoice.Number}; {step.Label} needs someone else.";
        return null;
    }

    /// <summary>What holds for a person whatever the step: their own amount limit, and never their own invoice.</summary>
    public string? Personally(Invoice invoice, ApproverSettings approver)
    {
        if (approver.MaxAmount is { } limit && ApprovalPlan.ConvertedOrTotal(invoice, settings.CurrentValue) > limit)
            return $"{approver.Name} may approve up to {limit} {settings.CurrentValue.Currency}; {invoice.Number} is {ApprovalPlan.Shown(invoice, settings.CurrentValue)}.";
        if (approver.Is(invoice.CreatedBy) || approver.Name.Equals(invoice.CreatedBy, StringComparison.OrdinalIgnoreCase))
            return $"Nobody decides on an invoice they created; {invoice.Number} was created by {invoice.CreatedBy}.";
        return null;
    }

    private static bool IsSameDecision(ApprovalStep step, ApproverSettings approver, bool approve) =>
        step.DecidedBy == approver.Email && step.Status == (approve ? StepStatus.Approved : StepStatus.Rejected);

    private static string StaleMessage(Invoice invoice, ApprovalStep? step) => step switch
    {
        { Status: StepStatus.Superseded } => $"This card shows an earlier version of {invoice.Number}; it was changed and submitted again.",
        { DecidedBy: { } who, DecidedAt: { } at } =>
            $"{step.Label} of {invoice.Number} was already {step.Status.ToString().ToLowerInvariant()} by {who} at {at:yyyy-MM-dd HH:mm} UTC.",
        _ when invoice.Status != InvoiceStatus.PendingApproval => $"{invoice.Number} is {invoice.Status}; nothing waits for a decision.",
        _ => $"{invoice.Number} changed after this card was posted; use the updated card.",
    };

    /// <summary>What a card carries so a click can be matched to the exact step and invoice version it showed.</summary>
    public static string CardVersion(Invoice invoice, ApprovalStep step) => CardVersion(step.Id, invoice.Version);

    /// <summary>The same from the two numbers alone, for lists that read no whole rows ("my approvals").</summary>
    public static string CardVersion(long stepId, int invoiceVersion) => $"{stepId}:{invoiceVersion}";

    /// <summary>The invoice with every step of every submission, oldest first.</summary>
    public async Task<(Invoice Invoice, IReadOnlyList<ApprovalStep> Steps)> StepsAsync(Guid invoiceId, CancellationToken ct = default)
    {
        var invoice = await FindInvoiceAsync(invoiceId, ct);
        var steps = await db.ApprovalSteps.AsNoTracking().Where(s => s.InvoiceId == invoiceId)
            .OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        return (invoice, steps);
    }

    private async Task<Invoice> FindInvoiceAsync(Guid id, CancellationToken ct) =>
        await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"There is no invoice {id}.");

    private async Task SaveAsync(Invoice invoice, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        // A concurrent submit shows up either as a lost version race or as its steps colliding with ours.
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw new TransitionRefusedException($"{invoice.Number} was changed by someone else at the same moment; reload it and try again.");
        }
    }
}
