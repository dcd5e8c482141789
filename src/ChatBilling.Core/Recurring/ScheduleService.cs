using System.Text.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Recurring;

/// <summary>A schedule as the API and console show it: with its client's name, next run and last invoice.</summary>
public sealed record ScheduleView(RecurringSchedule Schedule, string ClientName, string? LastInvoiceNumber);

/// <summary>Creates, lists, pauses and resumes recurring schedules.</summary>
public sealed class ScheduleService(ChatBillingDb db, TimeProvider time)
{
    public async Task<RecurringSchedule> CreateAsync(ScheduleInput input, Actor by, CancellationToken ct = default)
    {
        var errors = ScheduleValidator.Check(input);
        var client = input.ClientId is { } clientId ? await db.Clients.FindAsync([clientId], ct) : null;
        if (client is null) errors["clientId"] = [input.ClientId is null ? "clientId is required." : $"There is no client {input.ClientId}."];
        // Out-of-range values were reported above; the template check below must not overflow on them.
        var startsOn = input.StartsOn is { } given && Validation.InputRules.InRange(given) ? given : time.Today();
        var terms = Math.Clamp(input.PaymentTermsDays ?? 30, 0, 365);
        try
        {
            // The template lines must make a valid invoice: checked now, not on the first run months from now.
            InvoiceValidator.Validate(new InvoiceInput(input.ClientId, input.Currency, startsOn, startsOn.AddDays(terms),
                Number: null, WorkCompletedOn: null, input.Notes, input.LineItems), client?.Currency);
        }
        catch (InvalidInputException e)
        {
            foreach (var (field, messages) in e.Errors.Where(e => e.Key is not ("clientId" or "dueDate"))) errors.TryAdd(field, messages);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var now = time.GetUtcNow();
        var schedule = new RecurringSchedule
        {
            ClientId = client!.Id, Name = input.Name!.Trim(), Cadence = Enum.Parse<Cadence>(input.Cadence!, ignoreCase: true),
            DayOfMonth = input.DayOfMonth, Cron = input.Cron?.Trim(), TimeZone = input.TimeZone ?? "UTC", StartsOn = startsOn,
            EndsOn = input.EndsOn, Currency = input.Currency?.Trim().ToUpperInvariant(), PaymentTermsDays = terms,
            AutoSubmit = input.AutoSubmit ?? false, Notes = input.Notes,
            LinesJson = JsonSerializer.Serialize(input.LineItems, RecurringSchedule.Json), CreatedAt = now, CreatedBy = by.Name,
        };
        schedule.NextRunAt = ScheduleCalendar.Next(schedule, now)?.At;
        // A schedule starting in the past bills its missed periods on the next run; the console shows that as due now.
        if (ScheduleCalendar.Between(schedule, null, now).Any()) schedule.NextRunAt = now;
        db.RecurringSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        return schedule;
    }

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken ct = default)
    {
        var rows = await Views(db.RecurringSchedules.AsNoTracking()).ToListAsync(ct);
        return rows.OrderBy(r => r.Schedule.Active ? 0 : 1).ThenBy(r => r.Schedule.NextRunAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Schedule.Name).ToList();
    }

    public async Task<ScheduleView> GetAsync(Guid id, CancellationToken ct = default) =>
        await Views(db.RecurringSchedules.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"There is no schedule {id}.");

    /// <summary>Schedules with their client's name and last invoice's number, in one query.</summary>
    private IQueryable<ScheduleView> Views(IQueryable<RecurringSchedule> schedules) =>
        from s in schedules
        join c in db.Clients.AsNoTracking() on s.ClientId equals c.Id
        join i in db.Invoices.AsNoTracking() on s.LastInvoiceId equals i.Id into last
        from i in last.DefaultIfEmpty()
        select new ScheduleView(s, c.Name, i == null ? null : i.Number);

    /// <summary>Pauses or resumes. Resuming does not bill the periods missed while paused: they were skipped on purpose.</summary>
    public async Task<ScheduleView> SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        var schedule = await db.RecurringSchedules.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException($"There is no schedule {id}.");
        if (schedule.Active != active)
        {
            var now = time.GetUtcNow();
            schedule.Active = active;
            if (active) schedule.LastPeriodAt = Max(schedule.LastPeriodAt, now);
            schedule.NextRunAt = active ? ScheduleCalendar.Next(schedule, now)?.At : null;
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(id, ct);
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a > b ? a.Value : b;
}
