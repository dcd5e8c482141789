using ChatBilling.Core.Invoices;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Reminders;

/// <summary>The payload of a reminder message: which invoice, and which offset from its due date.</summary>
public sealed record ReminderRequest(Guid InvoiceId, int OffsetDays);

/// <summary>
/// Queues payment reminders for sent, unpaid invoices. Each (invoice, offset from its due date) has one outbox key: the due
/// date of a sent invoice never changes, so the offset names the reminder's date, and a reminder can never be queued twice
/// however often the job runs or on how many hosts (the key format is unchanged, so reminders queued before repeats
/// existed are not sent again). After downtime only the latest reminder that fell due is sent, once: a customer should
/// not get three reminders in one morning. One invoice that cannot be reminded is logged and counted; the rest still go.
/// </summary>
public sealed class ReminderJob(
    ChatBillingDb db, OutboxWriter outbox, TimeProvider time, IOptionsMonitor<ReminderSettings> settings, JobFailures failures)
    : IBillingJob
{
    public const string Name = "reminders";
    public const string Kind = "invoice.reminder";

    public static string KeyFor(Guid invoiceId, int offsetDays) => $"{Kind}:{invoiceId:N}:{offsetDays}";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var today = time.Today();
        var defaults = settings.CurrentValue.EffectiveOffsets;
        var repeat = Math.Max(0, settings.CurrentValue.RepeatEveryDays);
        // No offset is earlier than 90 days before the due date (the client validator's bound).
        var horizon = today.AddDays(90);
        var candidates = await (from i in db.Invoices.AsNoTracking()
                                join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                                where i.Status == InvoiceStatus.Sent && i.DueDate <= horizon
                                select new { i.Id, i.Number, i.DueDate, i.SentAt, c.ReminderOffsetsDays }).ToListAsync(ct);
        var queued = 0;
        var failed = new List<JobFailure>();
        foreach (var invoice in candidates)
        {
            try
            {
                var sentOn = DateOnly.FromDateTime(invoice.SentAt!.Value.UtcDateTime);
                var offsets = invoice.ReminderOffsetsDays is { Count: > 0 } own ? own : defaults;
                if (ReminderCalendar.DueOffset(invoice.DueDate, sentOn, today, offsets, repeat) is not { } due) continue;
                if (await outbox.EnqueueAsync(Kind, KeyFor(invoice.Id, due), new ReminderRequest(invoice.Id, due), invoice.Id, ct)) queued++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(new(invoice.Id, invoice.Number, e));
            }
        }
        await outbox.SaveChangesAsync(ct);
        await failures.RecordAsync(Name, failed, ct);
        return $"{queued} reminder(s) queued." + JobFailures.Summary(failed);
    }
}
