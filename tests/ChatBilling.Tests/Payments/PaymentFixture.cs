using ChatBilling.Tests.Infrastructure;

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
        await app.MarkSentAsync(id);
        return (http, id, invoice["number"].Str());
    }
}
