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
/// Queues payment reminders for sent, unpaid invoices. Each (invoice, offset) has one outbox key, so a reminder
/// can never be queued twice however often the job runs or on how many hosts. After downtime only the latest
/// reminder that fell due is sent, once: a customer should not get three reminders in one morning.
/// </summary>
public sealed class ReminderJob(ChatBillingDb db, OutboxWriter outbox, TimeProvider time, IOptionsMonitor<ReminderSettings> settings) : IBillingJob
{
    public const string Name = "reminders";
    public const string Kind = "invoice.reminder";

    public static string KeyFor(Guid invoiceId, int offsetDays) => $"{Kind}:{invoiceId:N}:{offsetDays}";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var today = time.Today();
        var defaults = settings.CurrentValue.EffectiveOffsets;
        // No offset is earlier than 90 days before the due date (the client validator's bound).
        var horizon = today.AddDays(90);
        var candidates = await (from i in db.Invoices.AsNoTracking()
                                join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                                where i.Status == InvoiceStatus.Sent && i.DueDate <= horizon
                                select new { i.Id, i.DueDate, i.SentAt, c.ReminderOffsetsDays }).ToListAsync(ct);
        var queued = 0;
        foreach (var invoice in candidates)
        {
            var sentOn = DateOnly.FromDateTime(invoice.SentAt!.Value.UtcDateTime);
            // Reminders dated before the invoice went out are moot: the invoice email itself covered them.
            var due = (invoice.ReminderOffsetsDays is { Count: > 0 } own ? own : defaults)
                .Where(d => invoice.DueDate.AddDays(d) <= today && invoice.DueDate.AddDays(d) > sentOn)
                .DefaultIfEmpty(int.MinValue).Max();
            if (due == int.MinValue) continue;
            if (await outbox.EnqueueAsync(Kind, KeyFor(invoice.Id, due), new ReminderRequest(invoice.Id, due), invoice.Id, ct)) queued++;
        }
        await outbox.SaveChangesAsync(ct);
        return $"{queued} reminder(s) queued.";
    }
}
