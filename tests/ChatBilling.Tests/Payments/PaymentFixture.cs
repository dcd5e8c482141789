using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Payments;

public static class PaymentFixture
{
    /// <summary>An invoice of 1,200.00 EUR (1,000 + 20 % tax) that has been sent, set up directly in the store.</summary>
    public static async Task<(HttpClient Http, string Id, string Number)> SentInvoiceAsync(this BillingApp app)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var invoice = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1000));
        var id = invoice["id"].Str();
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(id));
            db.AuditEntries.Add(stored.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", app.Clock.GetUtcNow()));
            db.AuditEntries.Add(stored.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        return (http, id, invoice["number"].Str());
    }
}
