using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Payments;

public sealed class PaymentTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    private Task<(HttpClient Http, string Id, string Number)> SentInvoiceAsync() => app.SentInvoiceAsync();

    private static Task<HttpResponseMessage> PayAsync(HttpClient http, object body) => http.PostAsJsonAsync("/api/payments", body);

    [Fact]
    public async Task A_full_payment_marks_the_invoice_paid()
    {
        var (http, id, number) = await SentInvoiceAsync();
        var response = await PayAsync(http, new { invoiceNumber = number.ToLowerInvariant(), amount = 1200m, paidOn = "2026-11-21", reference = "BANK-1" });
        var payment = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(("Applied", "Paid", 0m), (payment["outcome"].Str(), payment["invoiceStatus"].Str(), payment["balance"]!.GetValue<decimal>()));
        Assert.Equal($"/api/payments/{payment["id"].Str()}", response.Headers.Location?.OriginalString);
        var invoice = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((1200m, 0m), (invoice["amountPaid"]!.GetValue<decimal>(), invoice["balance"]!.GetValue<decimal>()));
        Assert.NotNull(invoice["paidAt"]?.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Partial_payments_add_up_to_paid()
    {
        var (http, id, _) = await SentInvoiceAsync();
        var first = await (await PayAsync(http, new { invoiceId = id, amount = 500m, paidOn = "2026-11-20", reference = "P-1" })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(("Sent", 700m), (first["invoiceStatus"].Str(), first["balance"]!.GetValue<decimal>()));
        var second = await (await PayAsync(http, new { invoiceId = id, amount = 700m, paidOn = "2026-11-21", reference = "P-2" })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal("Paid", second["invoiceStatus"].Str());
        var history = await (await http.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
        Assert.Equal(["payment", "paid"], history.Select(h => h!["action"].Str()).TakeLast(2));
    }

    [Fact]
    public async Task An_overpayment_pays_the_invoice_and_is_listed_as_an_exception()
    {
        var (http, id, _) = await SentInvoiceAsync();
        var paid = await (await PayAsync(http, new { invoiceId = id, amount = 1250m, paidOn = "2026-11-21", reference = "OVER" })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(("Overpayment", 50m, "Paid"), (paid["outcome"].Str(), paid["excess"]!.GetValue<decimal>(), paid["invoiceStatus"].Str()));
        var exceptions = await (await http.GetAsync("/api/payments?outcome=overpayment")).ReadArrayAsync();
        Assert.Equal("OVER", Assert.Single(exceptions)!["reference"].Str());
    }

    [Fact]
    public async Task A_payment_for_an_unknown_invoice_is_kept_and_changes_nothing_else()
    {
        var (http, id, _) = await SentInvoiceAsync();
        var kept = await (await PayAsync(http, new { invoiceNumber = "INV-1999-0001", amount = 10m, paidOn = "2026-11-21", reference = "LOST" }))
            .ReadAsync(HttpStatusCode.Accepted);
        Assert.Equal("Unmatched", kept["outcome"].Str());
        Assert.Equal("INV-1999-0001", Assert.Single(await (await http.GetAsync("/api/payments?outcome=Unmatched")).ReadArrayAsync())!["invoiceReference"].Str());
        Assert.Equal("Sent", (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["status"].Str());
    }

    [Fact]
    public async Task Payment_exceptions_are_listed_in_the_digest()
    {
        var (http, id, _) = await SentInvoiceAsync();
        await (await PayAsync(http, new { invoiceId = id, amount = 1250m, paidOn = "2026-11-21", reference = "OVER" })).ReadAsync(HttpStatusCode.Created);
        await (await PayAsync(http, new { invoiceNumber = "NOPE-1", amount = 9m, paidOn = "2026-11-21", reference = "LOST" })).ReadAsync(HttpStatusCode.Accepted);
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(app.Services);
        var digest = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ChatBilling.Core.Digests.DigestBuilder>(scope.ServiceProvider).BuildAsync();
        Assert.Equal(["OVER: overpaid by €50.00", "LOST: no such invoice"],
            digest.PaymentExceptions!.Items.Select(p => $"{p.Reference}: {p.Problem}"));
        Assert.Contains("Payment exceptions (2)", ChatBilling.Core.Digests.DigestText.Render(digest));
    }

    [Fact]
    public async Task The_same_report_twice_counts_once()
    {
        var (http, id, _) = await SentInvoiceAsync();
        var body = new { invoiceId = id, amount = 100m, paidOn = "2026-11-21", reference = "DUP-7" };
        var first = await (await PayAsync(http, body)).ReadAsync(HttpStatusCode.Created);
        var again = await (await PayAsync(http, body)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(first["id"].Str(), again["id"].Str());
        Assert.Equal(100m, (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["amountPaid"]!.GetValue<decimal>());
        var changed = await (await PayAsync(http, new { invoiceId = id, amount = 101m, paidOn = "2026-11-21", reference = "DUP-7" }))
            .ReadAsync(HttpStatusCode.Conflict);
        Assert.NotNull(changed["errors"]?["reference"]);
    }

    [Fact]
    public async Task Ten_concurrent_partial_payments_all_count_and_pay_the_invoice_once()
    {
        var (http, id, _) = await SentInvoiceAsync();
        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(n =>
            PayAsync(http, new { invoiceId = id, amount = 120m, paidOn = "2026-11-21", reference = $"C-{n}" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var invoice = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("Paid", 1200m), (invoice["status"].Str(), invoice["amountPaid"]!.GetValue<decimal>()));
        var history = await (await http.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
        Assert.Single(history, h => h!["action"].Str() == "paid");
        Assert.Equal(9, history.Count(h => h!["action"].Str() == "payment"));
    }

    [Theory]
    [InlineData("""{"amount":10,"paidOn":"2026-11-21","reference":"x"}""", "invoiceNumber")]
    [InlineData("""{"invoiceNumber":"A","invoiceId":"01a20509-10fb-792a-888d-886d9016be29","amount":10,"paidOn":"2026-11-21","reference":"x"}""", "invoiceNumber")]
    [InlineData("""{"invoiceNumber":"A","amount":0,"paidOn":"2026-11-21","reference":"x"}""", "amount")]
    [InlineData("""{"invoiceNumber":"A","amount":10,"paidOn":"2027-01-01","reference":"x"}""", "paidOn")]
    [InlineData("""{"invoiceNumber":"A","amount":10,"paidOn":"2026-11-21","reference":" "}""", "reference")]
    [InlineData("""{"invoiceNumber":"A","amount":10,"currency":"EURO","paidOn":"2026-11-21","reference":"x"}""", "currency")]
    public async Task Bad_payments_name_the_field_and_write_nothing(string body, string field)
    {
        var http = app.Http();
        var problem = await (await http.PostAsync("/api/payments", Rest.Json(body))).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task Drafts_cannot_be_paid_and_a_currency_mismatch_is_refused()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var draft = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        await (await PayAsync(http, new { invoiceId = draft, amount = 10m, paidOn = "2026-11-21", reference = "EARLY" })).ReadAsync(HttpStatusCode.Conflict);
        var (_, sent, _) = await SentInvoiceAsync();
        var mismatch = await (await PayAsync(http, new { invoiceId = sent, amount = 10m, currency = "USD", paidOn = "2026-11-21", reference = "FX" }))
            .ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(mismatch["errors"]?["currency"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Payments.CountAsync()));
    }
}
