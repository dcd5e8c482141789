using System.Net;
using System.Text;
using ChatBilling.Core.Triggers;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Triggers;

/// <summary>Signed events from a CRM start invoices, once per event id.</summary>
public sealed class TriggerTests : IDisposable
{
    private const string Secret = "crm-shared-secret-0123456789";
    private readonly BillingApp app = new BillingApp().WithApprovers()
        .With("Api:Keys:0:Name", "ops").With("Api:Keys:0:Key", "ops-key-0123456789")
        .With("Triggers:Sources:0:Name", "crm").With("Triggers:Sources:0:Secret", Secret)
        .With("Triggers:Sources:0:TaxRate", "0.2").With("Triggers:Sources:0:PaymentTermsDays", "14");
    private HttpClient api = null!;
    private string clientId = null!;

    public void Dispose() => app.Dispose();

    private async Task<HttpClient> ArrangeAsync()
    {
        api = app.Http("ops-key-0123456789");
        clientId = (await api.CreateClientAsync())["id"].Str();
        return app.Http();
    }

    private string Event(string eventId, string type = "deal.closed", decimal amount = 4000m, bool? submit = null) =>
        $$"""{"eventId":"{{eventId}}","type":"{{type}}","clientId":"{{clientId}}","amount":{{amount}},"description":"Deal ACME-42: onboarding","workCompletedOn":"2026-11-20"{{(submit is null ? "" : $",\"submit\":{submit.ToString()!.ToLowerInvariant()}")}}}""";

    private HttpRequestMessage Signed(string body, string source = "crm", string secret = Secret, DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? app.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/triggers") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ChatBilling-Source", source);
        request.Headers.Add("X-ChatBilling-Timestamp", timestamp);
        request.Headers.Add("X-ChatBilling-Signature", signature ?? TriggerSignature.Header(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private Task<int> InvoiceCountAsync() => app.WithDbAsync(db => db.Invoices.CountAsync());

    [Fact]
    public async Task A_signed_event_makes_a_draft_by_the_sources_mapping()
    {
        var http = await ArrangeAsync();
        var response = await http.SendAsync(Signed(Event("deal-1")));
        var body = await response.ReadAsync(HttpStatusCode.Created);
        var invoice = body["invoice"]!;
        Assert.Equal(("Draft", 4800m, "2026-12-06", "2026-11-20"),
            (invoice["status"].Str(), invoice["total"]!.GetValue<decimal>(), invoice["dueDate"].Str(), invoice["workCompletedOn"].Str()));
        Assert.Equal($"/api/invoices/{invoice["id"].Str()}", response.Headers.Location?.OriginalString);
        var history = await api.HistoryAsync(invoice["id"].Str());
        Assert.Equal(("crm", "trigger"), (history[0]!["actor"].Str(), history[0]!["channel"].Str()));
        Assert.Contains(history, h => h!["action"].Str() == "triggered" && h["detail"].Str().Contains("deal-1"));
    }

    [Fact]
    public async Task A_retried_event_answers_with_the_invoice_it_made_and_makes_no_second()
    {
        var http = await ArrangeAsync();
        var first = await (await http.SendAsync(Signed(Event("deal-2")))).ReadAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await (await http.SendAsync(Signed(Event("deal-2")))).ReadAsync(HttpStatusCode.OK);
        Assert.True(again["duplicate"]!.GetValue<bool>());
        Assert.Equal(first["invoice"]!["id"].Str(), again["invoice"]!["id"].Str());
        Assert.Equal(1, await InvoiceCountAsync());
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_event_make_one_invoice()
    {
        var http = await ArrangeAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => http.SendAsync(Signed(Event("deal-3", submit: true)))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, await InvoiceCountAsync());
        var id = (await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadAsync(HttpStatusCode.Created))["invoice"]!["id"].Str();
        Assert.Equal("PendingApproval", await api.StatusAsync(id));
        Assert.Single(await api.HistoryAsync(id), h => h!["action"].Str() == "submitted");
    }

    [Fact]
    public async Task An_event_can_submit_its_draft_for_approval_at_once()
    {
        var http = await ArrangeAsync();
        var body = await (await http.SendAsync(Signed(Event("deal-4", submit: true)))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal("PendingApproval", body["invoice"]!["status"].Str());
    }

    [Fact]
    public async Task A_source_client_key_maps_to_our_client()
    {
        using var mapped = new BillingApp().With("Triggers:Sources:0:Name", "pm").With("Triggers:Sources:0:Secret", Secret);
        var http = mapped.Http();
        var client = (await http.CreateClientAsync())["id"].Str();
        // A second host on the same database, configured with the client's id now that it exists.
        using var configured = BillingApp.SharingDatabaseWith(mapped).With("Triggers:Sources:0:Name", "pm").With("Triggers:Sources:0:Secret", Secret)
            .With("Triggers:Sources:0:Clients:proj-17", client);
        var body = """{"eventId":"m-1","type":"milestone.completed","clientRef":"proj-17","lineItems":[{"description":"Milestone 2: design","quantity":1,"unitPrice":900}]}""";
        var timestamp = configured.Clock.GetUtcNow().ToUnixTimeSeconds().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/triggers") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ChatBilling-Source", "pm");
        request.Headers.Add("X-ChatBilling-Timestamp", timestamp);
        request.Headers.Add("X-ChatBilling-Signature", TriggerSignature.Header(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
        var created = await (await configured.Http().SendAsync(request)).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(client, created["invoice"]!["clientId"].Str());
    }

    public static TheoryData<string> Forgeries => new() { "wrong-secret", "tampered", "old", "future", "no-signature", "unknown-source", "malformed" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Unsigned_forged_or_stale_requests_are_401_and_change_nothing(string forgery)
    {
        var http = await ArrangeAsync();
        var body = Event("deal-x");
        var request = forgery switch
        {
            "wrong-secret" => Signed(body, secret: "not-the-secret"),
            "tampered" => Tampered(Signed(body), body.Replace("4000", "40000")),
            "old" => Signed(body, at: app.Clock.GetUtcNow().AddMinutes(-6)),
            "future" => Signed(body, at: app.Clock.GetUtcNow().AddMinutes(6)),
            "no-signature" => Signed(body, signature: ""),
            "unknown-source" => Signed(body, source: "stranger"),
            _ => Signed(body, signature: "v1=zz"),
        };
        var problem = await (await http.SendAsync(request)).ReadAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("secret", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await InvoiceCountAsync());
    }

    private static HttpRequestMessage Tampered(HttpRequestMessage signed, string otherBody)
    {
        signed.Content = new StringContent(otherBody, Encoding.UTF8, "application/json");
        return signed;
    }

    [Theory]
    [InlineData("""{"type":"deal.closed","amount":10,"description":"x"}""", "eventId")]
    [InlineData("""{"eventId":"e","type":"invoice.paid","amount":10,"description":"x"}""", "type")]
    [InlineData("""{"eventId":"e","type":"deal.closed","amount":10}""", "description")]
    [InlineData("""{"eventId":"e","type":"deal.closed","clientRef":"nobody","amount":10,"description":"x"}""", "clientRef")]
    [InlineData("""{"eventId":"e","type":"deal.closed","lineItems":[{"description":"x","quantity":0,"unitPrice":5}]}""", "lineItems[0].quantity")]
    [InlineData("""{"eventId":"e","type":"deal.closed","amount":"ten","description":"x"}""", "amount")]
    [InlineData("""{"eventId": """, "body")]
    public async Task Bad_events_name_the_field_and_make_nothing(string template, string field)
    {
        var http = await ArrangeAsync();
        var body = template.Contains("clientRef") || template.Contains("\"eventId\": ") ? template
            : template.Replace("\"type\"", $"\"clientId\":\"{clientId}\",\"type\"");
        var problem = await (await http.SendAsync(Signed(body))).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(0, await InvoiceCountAsync());
    }

    [Fact]
    public void The_signature_is_the_one_openssl_computes_from_the_readme_recipe()
    {
        // printf '1732270000.{"a":1}' | openssl dgst -sha256 -hmac 'k'
        Assert.Equal("v1=9bf8c1cdf5d2574b37ce38691458ad2c173e5803ccb8356b4ef36eb3f0a65c81",
            TriggerSignature.Header("k", "1732270000", "{\"a\":1}"u8));
    }
}
