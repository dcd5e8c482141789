using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Payments;

/// <summary>A person matches a payment nobody could place (typo'd reference) to its invoice, once.</summary>
public sealed class PaymentMatchTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>A sent invoice of 1,200.00 EUR and an unmatched payment of <paramref name="amount"/> EUR for "INV-2O26-0001".</summary>
    private async Task<(HttpClient Http, string InvoiceId, string Number, string PaymentId)> UnmatchedPaymentAsync(decimal amount = 1200m)
    {
        var (http, id, number) = await app.SentInvoiceAsync();
        var payment = await (await http.PostAsJsonAsync("/api/payments",
            new { invoiceNumber = "INV-2O26-0001", amount, currency = "EUR", paidOn = "2026-11-21", reference = "BANK-77" })).ReadAsync(HttpStatusCode.Accepted);
        return (http, id, number, payment["id"].Str());
    }

    private static Task<HttpResponseMessage> MatchAsync(HttpClient http, string paymentId, object body) =>
        http.PostAsJsonAsync($"/api/payments/{paymentId}/match", body);

    [Fact]
    public async Task Matching_applies_the_payment_pays_the_invoice_and_clears_the_exception()
    {
        var (http, invoiceId, number, paymentId) = await UnmatchedPaymentAsync();
        var matched = await (await MatchAsync(http, paymentId, new { invoiceNumber = number })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(("Applied", "Paid", invoiceId, "local"),
            (matched["outcome"].Str(), matched["invoiceStatus"].Str(), matched["invoiceId"].Str(), matched["matchedBy"].Str()));
        Assert.Empty(await (await http.GetAsync("/api/payments?outcome=Unmatched")).ReadArrayAsync());
        var history = await (await http.GetAsync($"/api/invoices/{invoiceId}/history")).ReadArrayAsync();
        Assert.Equal(["payment-matched", "paid"], history.Select(h => h!["action"].Str()).TakeLast(2));
    }

    [Fact]
    public async Task A_match_that_overpays_is_an_overpayment_exception()
    {
        var (http, invoiceId, _, paymentId) = await UnmatchedPaymentAsync(amount: 1300m);
        var matched = await (await MatchAsync(http, paymentId, new { invoiceId })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("Overpayment", 100m), (matched["outcome"].Str(), matched["excess"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_payment_is_matched_once_even_when_two_people_click_at_once()
    {
        var (http, invoiceId, number, paymentId) = await UnmatchedPaymentAsync(amount: 500m);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MatchAsync(http, paymentId, new { invoiceNumber = number })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var invoice = await (await http.GetAsync($"/api/invoices/{invoiceId}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(500m, invoice["amountPaid"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await MatchAsync(http, paymentId, new { invoiceNumber = number })).StatusCode);
    }

    [Fact]
    public async Task Bad_matches_name_the_field_and_change_nothing()
    {
        var (http, invoiceId, number, paymentId) = await UnmatchedPaymentAsync();
        var unknown = await (await MatchAsync(http, paymentId, new { invoiceNumber = "INV-2026-9999" })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]?["invoiceNumber"]);
        var both = await (await MatchAsync(http, paymentId, new { invoiceNumber = number, invoiceId })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(both["errors"]?["invoiceNumber"]);
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(http, Guid.NewGuid().ToString(), new { invoiceNumber = number })).StatusCode);

        var clientId = (await http.CreateClientAsync(currency: "USD", name: "Dollar Inc"))["id"].Str();
        var usd = await http.CreateInvoiceAsync(Rest.Invoice(clientId));
        var draft = await (await MatchAsync(http, paymentId, new { invoiceId = usd["id"].Str() })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("USD", draft["errors"]!["invoiceId"]![0].Str());

        Assert.Equal("Unmatched", (await (await http.GetAsync($"/api/payments/{paymentId}")).ReadAsync(HttpStatusCode.OK))["outcome"].Str());
        Assert.Equal(0m, (await (await http.GetAsync($"/api/invoices/{invoiceId}")).ReadAsync(HttpStatusCode.OK))["amountPaid"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_payment_cannot_be_matched_to_an_invoice_not_yet_approved()
    {
        var (http, _, _, paymentId) = await UnmatchedPaymentAsync();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var draft = await http.CreateInvoiceAsync(Rest.Invoice(clientId));
        Assert.Equal(HttpStatusCode.Conflict, (await MatchAsync(http, paymentId, new { invoiceId = draft["id"].Str() })).StatusCode);
    }
}
