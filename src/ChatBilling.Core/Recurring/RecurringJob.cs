using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Recurring;

/// <summary>
/// Bills every due period of every active schedule, catching up after downtime. Exactly one invoice per period,
/// however many hosts run this at once: the (schedule, period) row commits with its invoice or not at all.
/// </summary>
public sealed class RecurringJob(
    ChatBillingDb db, InvoiceService invoices, ApprovalService approvals, TimeProvider time, ILogger<RecurringJob> log, JobFailures failures)
    : IBillingJob
{
    public const string Name = "recurring";
    /// <summary>A schedule that missed more than this catches up over several runs, so one run stays short.</summary>
    public const int MaxPeriodsPerRun = 24;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.RecurringSchedules.AsNoTracking().Where(s => s.Active).ToListAsync(ct);
        var made = 0;
        var failed = new List<JobFailure>();
        foreach (var schedule in due.Where(s => s.NextRunAt is null || s.NextRunAt <= now))
        {
            // One schedule that cannot bill (a time zone gone from the machine, a stored row no longer valid) stops only itself.
            try
            {
                made += await BillAsync(schedule.Id, now, failed, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                failed.Add(new(null, $"schedule {schedule.Name}", e));
            }
        }
        await failures.RecordAsync(Name, failed, ct);
        return $"{made} recurring invoice(s) created." + JobFailures.Summary(failed);
    }

    private async Task<int> BillAsync(Guid scheduleId, DateTimeOffset now, List<JobFailure> failed, CancellationToken ct)
    {
        var schedule = await db.RecurringSchedules.AsNoTracking().FirstAsync(s => s.Id == scheduleId, ct);
        var actor = new Actor($"schedule:{schedule.Name}", "schedule");
        var periods = ScheduleCalendar.Between(schedule, schedule.LastPeriodAt, now).Take(MaxPeriodsPerRun).ToList();
        var made = 0;
        foreach (var period in periods)
            if (await BillPeriodAsync(schedule, period, actor, ct) is not null) made++;
        // One pass over every billed period, ours and those another host billed: each is submitted once.
        if (schedule.AutoSubmit)
            foreach (var billed in await BilledAsync(schedule.Id, periods, ct))
            {
                // A submit the rules refuse (no exchange rate, nobody may approve it) leaves a Draft to fix, not a stuck job.
                try { await approvals.SubmitOnceAsync(billed, actor, ct); }
                catch (Exception e) when (e is ConflictException or TransitionRefusedException)
                {
                    db.ChangeTracker.Clear();
                    failed.Add(new(billed, $"{schedule.Name} invoice {billed}", e));
                }
            }

        db.ChangeTracker.Clear();
        var tracked = await db.RecurringSchedules.FirstAsync(s => s.Id == scheduleId, ct);
        if (periods.Count > 0)
        {
            tracked.LastPeriodAt = periods[^1].At;
            // Whoever billed the latest period (this run or another host), the console links its invoice.
            var latest = await BilledAsync(schedule.Id, periods[^1..], ct);
            if (latest.Count > 0) tracked.LastInvoiceId = latest[0];
        }
        var more = periods.Count == MaxPeriodsPerRun;
        tracked.NextRunAt = more ? now : ScheduleCalendar.Next(tracked, now)?.At;
        await db.SaveChangesAsync(ct);
        return made;
    }

    /// <summary>The period's invoice, or null when it was billed before (by an earlier run or another host).</summary>
    private async Task<Invoice?> BillPeriodAsync(RecurringSchedule schedule, Period period, Actor actor, CancellationToken ct)
    {
        if (await db.ScheduledInvoices.AnyAsync(s => s.ScheduleId == schedule.Id && s.PeriodKey == period.Key, ct)) return null;
        var lines = schedule.Lines.Select(l => l with { Description = l.Description?.Replace("{period}", period.Name, StringComparison.Ordinal) }).ToList();
        var input = new InvoiceInput(schedule.ClientId, schedule.Currency, period.IssueDate, period.IssueDate.AddDays(schedule.PaymentTermsDays),
            Number: null, WorkCompletedOn: null, schedule.Notes, lines);
        try
        {
            return await invoices.CreateAsync(input, actor, ct, async (invoice, token) =>
            {
                if (await db.ScheduledInvoices.AnyAsync(s => s.ScheduleId == schedule.Id && s.PeriodKey == period.Key, token)) throw new AlreadyBilled();
                var now = time.GetUtcNow();
                db.ScheduledInvoices.Add(new ScheduledInvoice { ScheduleId = schedule.Id, PeriodKey = period.Key, InvoiceId = invoice.Id, CreatedAt = now });
                db.AuditEntries.Add(invoice.Record(actor, AuditActions.Scheduled, now, $"{schedule.Name}: {period.Name} (period {period.Key})."));
            });
        }
        catch (AlreadyBilled)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        catch (InvalidInputException e)
        {
            // The client changed since the schedule was made (e.g. its currency); say so rather than fail every run.
            log.LogError("Schedule {Schedule} cannot bill {Period}: {Error}", schedule.Name, period.Key, e.Message);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task<List<Guid>> BilledAsync(Guid scheduleId, IReadOnlyList<Period> periods, CancellationToken ct)
    {
        var keys = periods.Select(p => p.Key).ToList();
        return await db.ScheduledInvoices.AsNoTracking().Where(s => s.ScheduleId == scheduleId && keys.Contains(s.PeriodKey))
            .Select(s => s.InvoiceId).ToListAsync(ct);
    }

    private sealed class AlreadyBilled : Exception;
}
