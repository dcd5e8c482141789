using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Triggers;

/// <summary>What an event led to: its invoice, and whether an earlier delivery of the same event had made it.</summary>
public sealed record TriggerOutcome(Invoice Invoice, bool Duplicate);

/// <summary>Turns verified events from other systems into drafts (and submissions), exactly once per event id.</summary>
public sealed class TriggerService(ChatBillingDb db, InvoiceService invoices, ApprovalService approvals, TimeProvider time)
{
    public async Task<TriggerOutcome> ReceiveAsync(TriggerSource source, TriggerInput input, CancellationToken ct = default)
    {
        var eventId = input.EventId?.Trim();
        var actor = new Actor(source.Name, "trigger");
        var submit = input.Submit ?? source.Submit;
        if (eventId is not null && await EarlierAsync(source, eventId, ct) is { } earlier)
            return new(await FinishAsync(earlier, submit, actor, ct), Duplicate: true);

        var mapped = TriggerMapping.ToInvoice(input, source, time.Today());
        Invoice invoice;
        try
        {
            invoice = await invoices.CreateAsync(mapped, actor, ct, async (created, token) =>
            {
                // Runs before every save attempt: a concurrent delivery of this event that committed first stops us here.
                if (await db.TriggerEvents.AnyAsync(e => e.Source == source.Name && e.EventId == eventId, token)) throw new DuplicateEvent();
                var now = time.GetUtcNow();
                db.TriggerEvents.Add(new TriggerEvent { Source = source.Name, EventId = eventId!, Type = input.Type!, InvoiceId = created.Id, ReceivedAt = now });
                db.AuditEntries.Add(created.Record(actor, AuditActions.Triggered, now, $"{input.Type} event {eventId} from {source.Name}."));
            });
        }
        catch (DuplicateEvent)
        {
            db.ChangeTracker.Clear();
            return new(await FinishAsync((await EarlierAsync(source, eventId!, ct))!, submit, actor, ct), Duplicate: true);
        }
        return new(await FinishAsync(invoice, submit, actor, ct), Duplicate: false);
    }

    /// <summary>Submits when the mapping says so; a delivery that stopped between creating and submitting is finished by the retry.</summary>
    private async Task<Invoice> FinishAsync(Invoice invoice, bool submit, Actor actor, CancellationToken ct) =>
        submit ? await approvals.SubmitOnceAsync(invoice.Id, actor, ct) : invoice;

    private async Task<Invoice?> EarlierAsync(TriggerSource source, string eventId, CancellationToken ct)
    {
        var earlier = await db.TriggerEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Source == source.Name && e.EventId == eventId, ct);
        return earlier is null ? null : await invoices.FindAsync(earlier.InvoiceId, ct);
    }

    private sealed class DuplicateEvent : Exception;
}
