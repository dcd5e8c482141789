using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Api;

/// <summary>Each bad request gets problem details naming the field, and writes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime, IDisposable
{
    private readonly BillingApp app = new();
    private HttpClient http = null!;
    private string clientId = "";

    public async Task InitializeAsync()
    {
        http = app.Http();
        clientId = (await http.CreateClientAsync())["id"].Str();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => app.Dispose();

    private static JsonObject Line(object? quantity = null, string description = "Design work") =>
        new() { ["description"] = description, ["quantity"] = JsonValue.Create(quantity ?? 1), ["unitPrice"] = 100, ["taxRate"] = 0.2 };

    private JsonObject Body(JsonArray? lines = null, string currency = "EUR", string issue = "2026-11-22", string due = "2026-12-22") => new()
    {
        ["clientId"] = clientId, ["currency"] = currency, ["issueDate"] = issue, ["dueDate"] = due,
        ["lineItems"] = lines ?? new JsonArray(Line()),
    };

    private async Task AssertRefusedAsync(HttpContent content, HttpStatusCode status, string field)
    {
        var response = await http.PostAsync("/api/invoices", content);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync(status);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error on '{field}', got {problem}");
        Assert.DoesNotContain("   at ", problem.ToJsonString());
        await AssertNothingWrittenAsync();
    }

    private async Task AssertNothingWrittenAsync()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ChatBilling.Core.Invoices.LineItem>().CountAsync()));
    }

    [Fact]
    public Task Malformed_json_is_refused() =>
        AssertRefusedAsync(Rest.Json("{\"lineItems\": [ {\"description\": "), HttpStatusCode.BadRequest, "body");

    [Fact]
    public Task A_value_of_the_wrong_type_names_its_path() =>
        AssertRefusedAsync(Rest.Json(Body(new JsonArray(Line("three"))).ToJsonString()), HttpStatusCode.BadRequest, "lineItems[0].quantity");

    [Fact]
    public Task A_misspelt_field_is_named() =>
        AssertRefusedAsync(Rest.Json("{\"clientId\":\"" + clientId + "\",\"dueDat\":\"2026-12-01\"}"), HttpStatusCode.BadRequest, "dueDat");

    [Fact]
    public Task Unknown_currency_is_refused() =>
        AssertRefusedAsync(JsonContent.Create(Body(currency: "EUX")), HttpStatusCode.BadRequest, "currency");

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public Task Zero_or_negative_quantity_is_refused(int quantity) =>
        AssertRefusedAsync(JsonContent.Create(Body(new JsonArray(Line(), Line(quantity)))), HttpStatusCode.BadRequest, "lineItems[1].quantity");

    [Fact]
    public Task No_line_items_is_refused() =>
        AssertRefusedAsync(JsonContent.Create(Body([])), HttpStatusCode.BadRequest, "lineItems");

    [Fact]
    public Task More_than_500_line_items_is_refused() =>
        AssertRefusedAsync(JsonContent.Create(Body(new JsonArray(Enumerable.Range(0, 501).Select(_ => (JsonNode)Line()).ToArray()))),
            HttpStatusCode.BadRequest, "lineItems");

    [Fact]
    public Task A_description_over_1000_characters_is_refused() =>
        AssertRefusedAsync(JsonContent.Create(Body(new JsonArray(Line(description: new string('x', 1001))))),
            HttpStatusCode.BadRequest, "lineItems[0].description");

    [Fact]
    public Task A_due_date_before_the_issue_date_is_refused() =>
        AssertRefusedAsync(JsonContent.Create(Body(issue: "2026-11-22", due: "2026-11-21")), HttpStatusCode.BadRequest, "dueDate");

    [Fact]
    public async Task An_unknown_client_is_refused()
    {
        var body = Body();
        body["clientId"] = Guid.NewGuid().ToString();
        await AssertRefusedAsync(JsonContent.Create(body), HttpStatusCode.BadRequest, "clientId");
    }

    [Fact]
    public async Task A_duplicate_number_is_a_conflict_and_the_first_invoice_is_untouched()
    {
        var first = await http.CreateInvoiceAsync(Rest.Invoice(clientId, number: "ACME-7"));
        var response = await http.PostAsJsonAsync("/api/invoices", Rest.Invoice(clientId, unitPrice: 5, number: "ACME-7"));
        var problem = await response.ReadAsync(HttpStatusCode.Conflict);
        Assert.NotNull(problem["errors"]?["number"]);
        Assert.Equal(1, await app.WithDbAsync(db => db.Invoices.CountAsync()));
        var stored = await (await http.GetAsync($"/api/invoices/{first["id"].Str()}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1800m, stored["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413()
    {
        var notes = new string('n', 1024 * 1024 + 10);
        var content = new StringContent("{\"notes\":\"" + notes + "\"}", Encoding.UTF8, "application/json");
        // As a careful client sends a large body: the server refuses on the declared length before the body travels,
        // so the answer cannot race a connection the server closes while the client is still uploading.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/invoices") { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_one_megabyte_is_413()
    {
        var notes = new string('n', 1024 * 1024 + 10);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"notes\":\"" + notes + "\"}")));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/invoices") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Unknown_routes_are_404_problem_details()
    {
        var response = await http.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var missing = await http.GetAsync($"/api/invoices/{Guid.NewGuid()}");
        await missing.ReadAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_status_filter_names_the_parameter()
    {
        var problem = await (await http.GetAsync("/api/invoices?status=Lost")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["status"]);
    }

    [Fact]
    public async Task Bad_client_input_names_each_field()
    {
        var response = await http.PostAsJsonAsync("/api/clients", new { name = "", email = "not-an-email", currency = "EURO", locale = "xx-nowhere" });
        var problem = await response.ReadAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "email", "currency", "locale" }) Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(1, await app.WithDbAsync(db => db.Clients.CountAsync()));
    }
}
