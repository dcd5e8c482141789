using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// Chases approvals nobody decided: after <c>Approvals:DeadlineHours</c> the step's approvers are reminded, after
/// twice that it is escalated to the manager role (managers may then decide it). Each step is reminded and
/// escalated once; the notices go through the outbox with the step's own keys. Each step is its own unit of work,
/// so one step that cannot be chased (an invoice row no longer readable) is logged and counted; the rest still go.
/// </summary>
public sealed class EscalationJob(
    ChatBillingDb db, OutboxWriter outbox, TimeProvider time, IOptionsMonitor<ApprovalSettings> settings, ApproverDirectory approvers,
    Channels.ChatOutbox chat, JobFailures failures, Delegation.Delegations delegations)
    : IBillingJob
{
    public const string Name = "escalations";

    public static readonly Actor Escalations = new("escalations", "system");

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deadline = TimeSpan.FromHours(Math.Max(1, settings.CurrentValue.DeadlineHours));
        var remindBefore = now - deadline;
        var open = await db.ApprovalSteps.AsNoTracking()
            .Where(s => s.Status == StepStatus.Pending && s.OpenedAt != null && s.EscalatedAt == null)
            .Select(s => new { s.Id, s.InvoiceId, s.OpenedAt }).ToListAsync(ct);
        // Instants are compared in memory: the open steps are few, and SQLite stores instants as ticks.
        var late = open.Where(s => s.OpenedAt <= remindBefore).ToList();
        var (reminded, escalated) = (0, 0);
        var failed = new List<JobFailure>();
        var away = await delegations.TodayAsync(ct);
        foreach (var item in late)
        {
            try
            {
                switch (await ChaseAsync(item.Id, now, deadline, away, ct))
                {
                    case Chased.Reminded: reminded++; break;
                    case Chased.Escalated: escalated++; break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever this step left in the unit of work is dropped; the next step starts clean.
                db.ChangeTracker.Clear();
                failed.Add(new(item.InvoiceId, $"step {item.Id}", e));
            }
        }
        await failures.RecordAsync(Name, failed, ct);
        return $"{reminded} step(s) reminded, {escalated} escalated." + JobFailures.Summary(failed);
    }

    private enum Chased { Nothing, Reminded, Escalated }

    private async Task<Chased> ChaseAsync(long stepId, DateTimeOffset now, TimeSpan deadline, Delegation.DelegationMap away, CancellationToken ct)
    {
        var step = await db.ApprovalSteps.FirstAsync(s => s.Id == stepId, ct);
        var invoice = await db.Invoices.FirstAsync(i => i.Id == step.InvoiceId, ct);
        if (invoice.Status != InvoiceStatus.PendingApproval) return Chased.Nothing;
        Chased done;
        if (step.RemindedAt is null)
        {
            var names = Names(away.Reached(approvers.ToChase(step, escalated: false), approvers));
            step.MarkReminded(now);
            db.AuditEntries.Add(invoice.Record(Escalations, AuditActions.ApprovalReminded, now,
                $"{step.Label} undecided for {(int)(now - step.OpenedAt!.Value).TotalHours} h; reminded {names}."));
            await outbox.EnqueueAsync(ApprovalNoticeHandler.Kind, $"approval.reminded:{step.Id}",
                new ApprovalNotice(invoice.Id, step.Id, Escalated: false), invoice.Id, ct);
            await chat.ApprovalLateAsync(invoice, step.Id, escalated: false, ct);
            done = Chased.Reminded;
        }
        else if (step.OpenedAt <= now - 2 * deadline)
        {
            var managers = away.Reached(approvers.HoldingRole(ApprovalSettings.ManagerRole), approvers);
            step.MarkEscalated(now);
            invoice.Touch(now);
            db.AuditEntries.Add(invoice.Record(Escalations, AuditActions.Escalated, now,
                $"{step.Label} undecided for {(int)(now - step.OpenedAt!.Value).TotalHours} h; escalated to {ApprovalSettings.ManagerRole}: {Names(managers)}."));
            await outbox.EnqueueAsync(ApprovalNoticeHandler.Kind, $"approval.escalated:{step.Id}",
                new ApprovalNotice(invoice.Id, step.Id, Escalated: true), invoice.Id, ct);
            await chat.ApprovalLateAsync(invoice, step.Id, escalated: true, ct);
            done = Chased.Escalated;
        }
        else return Chased.Nothing;
        await outbox.SaveChangesAsync(ct);
        return done;
    }

    private static string Names(IEnumerable<ApproverSettings> people) =>
        string.Join(", ", people.Select(p => p.Name)) is { Length: > 0 } names ? names : "nobody (no one holds the role)";
}
