using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Integrity;

/// <summary>
/// One table of edge inputs, run on SQLite and on PostgreSQL: both refuse the same inputs (400 naming the field,
/// nothing written) and store what they accept exactly as given.
/// </summary>
public abstract class ValidationMatrixTests(IProviderApps apps) : IDisposable
{
    private readonly BillingApp app = apps.NewApp();

    public void Dispose() => app.Dispose();

    /// <summary>(route, body as raw JSON with {client} for a client id, the field that must be named).</summary>
    private static readonly (string Route, string Body, string Field)[] Refused =
    [
        ("/api/invoices", Invoice(issueDate: "0001-01-01"), "issueDate"),
        ("/api/invoices", Invoice(dueDate: "9999-12-31"), "dueDate"),
        ("/api/invoices", Invoice(issueDate: "1999-12-31"), "issueDate"),
        ("/api/invoices", Invoice(extra: """, "workCompletedOn": "0001-01-01" """), "workCompletedOn"),
        ("/api/invoices", Invoice(quantity: "0.00001"), "lineItems[0].quantity"),
        ("/api/invoices", Invoice(unitPrice: "1.23456"), "lineItems[0].unitPrice"),
        ("/api/invoices", Invoice(taxRate: "0.12345"), "lineItems[0].taxRate"),
        ("/api/invoices", Invoice(unitPrice: "1000000000000"), "lineItems[0].unitPrice"),
        ("/api/invoices", Invoice(quantity: "1000", unitPrice: "999999999999"), "lineItems[0].unitPrice"),
        ("/api/invoices", Invoice(quantity: "2", unitPrice: "600000000000"), "lineItems[0].unitPrice"),
        ("/api/invoices", Invoice(extra: """, "notes": "a\u0000b" """), "notes"),
        ("/api/invoices", Invoice(description: "Work \\u0000"), "lineItems[0].description"),
        ("/api/invoices", Invoice(description: "Work \\ud800"), "lineItems[0].description"),
        ("/api/clients", """{ "name": "Nul\u0000 GmbH", "email": "a@b.example", "currency": "EUR" }""", "name"),
        ("/api/clients", """{ "name": "Acme", "email": "a@b.example", "currency": "EUR", "addressLines": ["x\u0000"] }""", "addressLines"),
        ("/api/payments", Payment(paidOn: "1999-12-31"), "paidOn"),
        ("/api/payments", Payment(paidOn: "0001-01-01"), "paidOn"),
        ("/api/payments", Payment(amount: "0.00001"), "amount"),
        ("/api/payments", Payment(amount: "1000000000000"), "amount"),
        ("/api/payments", Payment(reference: "R\\u0000"), "reference"),
        ("/api/schedules", Schedule(startsOn: "0001-01-01"), "startsOn"),
        ("/api/schedules", Schedule(startsOn: "9999-12-31"), "startsOn"),
        ("/api/schedules", Schedule(extra: """, "endsOn": "9999-12-31" """), "endsOn"),
        ("/api/schedules", Schedule(cadence: "cron", extra: $$""", "cron": "{{string.Join(",", Enumerable.Range(0, 50))}} * * * *" """), "cron"),
        ("/api/schedules", Schedule(extra: $$""", "timeZone": "{{new string('x', 65)}}" """), "timeZone"),
        ("/api/schedules", Schedule(extra: """, "timeZone": "Pacific/Kiritimati", "notes": "\u0000" """), "notes"),
    ];

    [Fact]
    public async Task Every_edge_input_is_refused_naming_its_field_and_writes_nothing()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var before = await RowsAsync();
        var wrong = new List<string>();
        foreach (var (route, body, field) in Refused)
        {
            var response = await http.PostAsync(route, Rest.Json(body.Replace("{client}", clientId)));
            var text = await response.Content.ReadAsStringAsync();
            var named = response.StatusCode == HttpStatusCode.BadRequest && JsonNode.Parse(text)?["errors"]?[field] is not null;
            if (!named) wrong.Add($"{route} {body}: {(int)response.StatusCode} {text}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task The_edges_of_every_range_are_accepted_and_stored_exactly()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var body = Invoice(issueDate: "2099-12-01", dueDate: "2099-12-31", quantity: "0.0001", unitPrice: "999999999.9999", taxRate: "0.1234")
            .Replace("{client}", clientId);
        var created = await (await http.PostAsync("/api/invoices", Rest.Json(body))).ReadAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created["id"].Str());
        var stored = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id));
        var line = Assert.Single(stored.LineItems);
        Assert.Equal((0.0001m, 999999999.9999m, 0.1234m), (line.Quantity, line.UnitPrice, line.TaxRate));
        Assert.Equal((new DateOnly(2099, 12, 1), new DateOnly(2099, 12, 31)), (stored.IssueDate, stored.DueDate));
        Assert.Equal(created["total"]!.GetValue<decimal>(), stored.Total);

        var big = Invoice(quantity: "1", unitPrice: "999999999999.99", taxRate: "0").Replace("{client}", clientId);
        var large = await (await http.PostAsync("/api/invoices", Rest.Json(big))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(999999999999.99m, large["total"]!.GetValue<decimal>());
        var early = Schedule(startsOn: "2000-01-01", extra: """, "timeZone": "Pacific/Kiritimati" """).Replace("{client}", clientId);
        await (await http.PostAsync("/api/schedules", Rest.Json(early))).ReadAsync(HttpStatusCode.Created);
    }

    private Task<(int, int, int, int)> RowsAsync() => app.WithDbAsync(async db =>
        (await db.Invoices.CountAsync(), await db.Clients.CountAsync(), await db.Payments.CountAsync(), await db.RecurringSchedules.CountAsync()));

    private static string Invoice(string issueDate = "2026-11-22", string dueDate = "2026-12-22", string quantity = "1", string unitPrice = "100",
        string taxRate = "0.2", string description = "Consulting", string extra = "") => $$"""
        { "clientId": "{client}", "issueDate": "{{issueDate}}", "dueDate": "{{dueDate}}"{{extra}},
          "lineItems": [{ "description": "{{description}}", "quantity": {{quantity}}, "unitPrice": {{unitPrice}}, "taxRate": {{taxRate}} }] }
        """;

    private static string Payment(string paidOn = "2026-11-20", string amount = "10", string reference = "R-1") => $$"""
        { "invoiceNumber": "INV-2026-0001", "amount": {{amount}}, "paidOn": "{{paidOn}}", "reference": "{{reference}}" }
        """;

    private static string Schedule(string startsOn = "2026-12-01", string cadence = "monthly", string extra = "") => $$"""
        { "clientId": "{client}", "name": "Retainer", "cadence": "{{cadence}}", "dayOfMonth": 1, "startsOn": "{{startsOn}}"{{extra}},
          "lineItems": [{ "description": "Retainer {period}", "quantity": 1, "unitPrice": 2000, "taxRate": 0.2 }] }
        """;
}

public sealed class SqliteValidationMatrixTests() : ValidationMatrixTests(new SqliteApps());

[Collection(PostgresCollection.Name)]
public sealed class PostgresValidationMatrixTests(PostgresServer server) : ValidationMatrixTests(new PostgresApps(server));
