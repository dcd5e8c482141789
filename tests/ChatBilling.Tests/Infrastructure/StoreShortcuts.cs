using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Infrastructure;

/// <summary>States the API reaches only through approval and email, set directly in the store for tests about later steps.</summary>
public static class StoreShortcuts
{
    /// <summary>Moves a Draft to Approved and then Sent, as the system, now on the app's clock.</summary>
    public static Task<int> MarkSentAsync(this BillingApp app, string invoiceId) => app.WithDbAsync(async db =>
    {
        var stored = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(invoiceId));
        db.AuditEntries.Add(stored.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", app.Clock.GetUtcNow()));
        db.AuditEntries.Add(stored.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
        return await db.SaveChangesAsync();
    });
}
