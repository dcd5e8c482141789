using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBilling.Tests.Infrastructure;

/// <summary>Small helpers for driving the REST API the way a script would.</summary>
public static class Rest
{
    public static async Task<JsonObject> CreateClientAsync(this HttpClient http, string currency = "EUR", string name = "Acme GmbH")
    {
        var response = await http.PostAsJsonAsync("/api/clients", new { name, email = "billing@acme.example", currency });
        return await response.ReadAsync(HttpStatusCode.Created);
    }

    public static object Invoice(object clientId, decimal unitPrice = 1500m, string? number = null, string issueDate = "2026-11-22",
        string dueDate = "2026-12-22") => new
    {
        clientId, issueDate, dueDate, number,
        lineItems = new[] { new { description = "Consulting, November", quantity = 1m, unitPrice, taxRate = 0.2m } },
    };

    public static async Task<JsonObject> CreateInvoiceAsync(this HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/invoices", body);
        return await response.ReadAsync(HttpStatusCode.Created);
    }

    /// <summary>Asserts the status and returns the JSON body, showing the body when the status is wrong.</summary>
    public static async Task<JsonObject> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> ReadArrayAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    public static StringContent Json(string raw) => new(raw, System.Text.Encoding.UTF8, "application/json");

    public static string Str(this JsonNode? node) => node!.GetValue<string>();

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
