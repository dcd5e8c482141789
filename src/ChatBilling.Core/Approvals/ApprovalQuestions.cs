using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>A question asked before deciding, and its answer once there is one.</summary>
public sealed record QuestionView(long Id, string AskedBy, string AskedByName, string Channel, DateTimeOffset AskedAt, string Text, AnswerView? Answer)
{
    /// <summary>"Question from Dana Approver: … Answer from Rui Requester: …", as the cards show it.</summary>
    public string Shown => Answer is { } a ? $"Question from {AskedByName}: {Text} Answer from {a.ByName}: {a.Text}" : $"Question from {AskedByName}: {Text} · Waiting for the answer";
}

public sealed record AnswerView(string By, string ByName, string Channel, DateTimeOffset At, string Text);

/// <summary>The payload of the email and chat thread posts about a question (<paramref name="Answered"/>: about its answer).</summary>
public sealed record QuestionNotice(Guid InvoiceId, string? Channel, bool Answered, DateTimeOffset At);

/// <summary>
/// "Ask a question" before deciding: someone who may decide the waiting step asks the requester; the question is a
/// history line (who, when, channel, text), emailed to the requester and posted in the card's thread, and the step
/// keeps waiting. The deadline does not pause: escalation exists so an invoice never waits unseen, and a question
/// nobody answers is exactly what managers should see. The requester's answer (or an operator's) answers every open
/// question of the invoice at once, is a history line too, is shown on the card, and the askers are told.
/// Questions live in the history only: it is append-only and already says who, when and where.
/// </summary>
public sealed class ApprovalQuestions(
    ChatBillingDb db, ApprovalService approvals, ApproverDirectory approvers, Delegation.Delegations delegations, TimeProvider time,
    OutboxWriter outbox, Channels.ChatOutbox chat, Channels.ChatChannels channels)
{
    public const string EmailKind = "approval.question.email";
    public const string ThreadKind = "approval.question.thread";

    public Task<QuestionView> AskAsync(Guid invoiceId, string? byEmail, string? text, string channel, CancellationToken ct = default)
    {
        var question = Checked(text, "text", "A question needs its text.");
        return db.ForInvoiceAsync(invoiceId, async () =>
        {
            var asker = approvers.ByEmail(byEmail) ?? throw new NotPermittedException($"{byEmail} is not a configured approver.");
            var (invoice, steps) = await TrackedAsync(invoiceId, ct);
            var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
            var current = invoice.Status == InvoiceStatus.PendingApproval
                ? steps.Where(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null).MinBy(s => s.Sequence) : null;
            if (current is null) throw new TransitionRefusedException($"{invoice.Number} is {invoice.Status}; nothing waits for a decision, so there is nothing to ask about.");
            // Only someone who could decide asks: the question and its answer are about the invoice's amounts and client.
            if (approvals.Authority(invoice, steps, current, asker, await delegations.TodayAsync(ct)).WhyNot is { } whyNot)
                throw new NotPermittedException($"Only someone who may decide {current.Label} asks about it. {whyNot}");
            var now = time.GetUtcNow();
            db.AuditEntries.Add(invoice.Record(new Actor(asker.Email, channel), AuditActions.Asked, now, question));
            await NotifyAsync(invoice, round, new QuestionNotice(invoiceId, channel, Answered: false, now), ct);
            await db.SaveChangesAsync(ct);
            return (await ListAsync(invoiceId, ct))[^1];
        }, ct);
    }

    /// <summary>Answers the open questions; <paramref name="byOperator"/> for an API key with write, otherwise only the requester may.</summary>
    public Task<QuestionView> AnswerAsync(Guid invoiceId, Actor by, string? text, bool byOperator, CancellationToken ct = default)
    {
        var answer = Checked(text, "text", "An answer needs its text.");
        return db.ForInvoiceAsync(invoiceId, async () =>
        {
            var (invoice, steps) = await TrackedAsync(invoiceId, ct);
            if (!byOperator && !by.Name.Equals(invoice.CreatedBy, StringComparison.OrdinalIgnoreCase))
                throw new NotPermittedException($"Only the requester ({invoice.CreatedBy}) or an operator answers questions about {invoice.Number}.");
            var open = (await ListAsync(invoiceId, ct)).Where(q => q.Answer is null).ToList();
            if (open.Count == 0 || invoice.Status != InvoiceStatus.PendingApproval)
                throw new ConflictException($"No question about {invoice.Number} waits for an answer.");
            var now = time.GetUtcNow();
            db.AuditEntries.Add(invoice.Record(by, AuditActions.Answered, now, answer));
            await NotifyAsync(invoice, steps.Max(s => s.Round), new QuestionNotice(invoiceId, by.Channel, Answered: true, now), ct);
            await db.SaveChangesAsync(ct);
            return (await ListAsync(invoiceId, ct)).First(q => q.Id == open[^1].Id);
        }, ct);
    }

    /// <summary>The questions of the invoice's latest submission, oldest first, each with the first answer given after it.</summary>
    public async Task<IReadOnlyList<QuestionView>> ListAsync(Guid invoiceId, CancellationToken ct = default) =>
        Pair(await db.AuditEntries.AsNoTracking()
            .Where(e => e.InvoiceId == invoiceId && (e.Action == AuditActions.Asked || e.Action == AuditActions.Answered || e.Action == AuditActions.Submitted))
            .ToListAsync(ct), approvers);

    /// <summary>Pairs questions with answers from one invoice's history lines; a new submission starts afresh.</summary>
    public static IReadOnlyList<QuestionView> Pair(IEnumerable<AuditEntry> lines, ApproverDirectory people)
    {
        var ordered = lines.OrderBy(e => e.Id).ToList();
        var since = ordered.FindLastIndex(e => e.Action == AuditActions.Submitted);
        var questions = new List<QuestionView>();
        foreach (var line in ordered.Skip(since + 1))
        {
            if (line.Action == AuditActions.Asked)
                questions.Add(new(line.Id, line.Actor, Name(people, line.Actor), line.Channel, line.At, line.Detail ?? "", null));
            else if (line.Action == AuditActions.Answered)
            {
                var answer = new AnswerView(line.Actor, Name(people, line.Actor), line.Channel, line.At, line.Detail ?? "");
                for (var i = 0; i < questions.Count; i++) if (questions[i].Answer is null) questions[i] = questions[i] with { Answer = answer };
            }
        }
        return questions;
    }

    private async Task NotifyAsync(Invoice invoice, int round, QuestionNotice notice, CancellationToken ct)
    {
        var what = notice.Answered ? "answered" : "asked";
        await outbox.EnqueueAsync(EmailKind, $"{EmailKind}:{invoice.Id:N}:{what}:{notice.At.UtcTicks}", notice, invoice.Id, ct);
        foreach (var channel in channels.Names)
            await outbox.EnqueueAsync(ThreadKind, $"{ThreadKind}:{channel}:{invoice.Id:N}:{what}:{notice.At.UtcTicks}", notice with { Channel = channel }, invoice.Id, ct);
        // The card shows the question (and then the answer) in place; its buttons and version stay as they are.
        await chat.ApprovalChangedAsync(invoice, round, $"{what}:{notice.At.UtcTicks}", ct);
    }

    private async Task<(Invoice, List<ApprovalStep>)> TrackedAsync(Guid invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct) ?? throw new NotFoundException($"There is no invoice {invoiceId}.");
        var steps = await db.ApprovalSteps.AsNoTracking().Where(s => s.InvoiceId == invoiceId).OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        return (invoice, steps);
    }

    private static string Checked(string? text, string field, string empty)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw InvalidInputException.For(field, empty);
        if (trimmed.Length > ApprovalService.MaxReasonLength) throw InvalidInputException.For(field, $"{field} must be at most {ApprovalService.MaxReasonLength} characters.");
        return trimmed;
    }

    private static string Name(ApproverDirectory people, string who) => people.ByEmail(who)?.Name ?? who;
}
