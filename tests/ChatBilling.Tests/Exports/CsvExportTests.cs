using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Exports;

public sealed class CsvExportTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>Parses RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) into rows of fields.</summary>
    private static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                rows.Add([.. fields]); fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.True(fields.Count == 0 && field.Length == 0, "The CSV must end with CRLF.");
        return rows;
    }

    private async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        var header = rows[0];
        Assert.True(rows.Skip(1).All(r => r.Length == header.Length), "Every row has as many fields as the header.");
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private async Task MarkSentAsync(string id) => await app.WithDbAsync(async db =>
    {
        var invoice = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(id));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", app.Clock.GetUtcNow()));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Invoice_export_matches_the_list_api_for_every_filter()
    {
        var http = app.Http();
        var acme = (await http.CreateClientAsync())["id"].Str();
        var globex = (await http.CreateClientAsync(name: "Globex")) ["id"].Str();
        var ids = new List<string>();
        foreach (var (client, due) in new[] { (acme, "2026-11-01"), (acme, "2026-12-22"), (globex, "2026-11-10"), (globex, "2026-12-30"), (acme, "2026-12-01") })
            ids.Add((await http.CreateInvoiceAsync(Rest.Invoice(client, unitPrice: 99.5m, issueDate: "2026-10-15", dueDate: due)))["id"].Str());
        foreach (var id in ids.Take(3)) await MarkSentAsync(id);

        foreach (var filter in new[] { "", "status=Sent", "status=draft", "clientId=" + acme, "overdue=true", "overdue=false", "sent=true",
                     "sent=false", $"clientId={globex}&overdue=true", "status=Paid" })
        {
            var listed = (await (await http.GetAsync($"/api/invoices?limit=500&{filter}")).ReadArrayAsync()).Select(i => i!["number"].Str()).ToList();
            var exported = (await CsvAsync(http, $"/api/exports/invoices.csv?{filter}")).Select(r => r["number"]).ToList();
            Assert.True(listed.SequenceEqual(exported), $"{filter}: list {string.Join(",", listed)} but export {string.Join(",", exported)}");
        }

        var overdue = await CsvAsync(http, "/api/exports/invoices.csv?overdue=true");
        Assert.Equal(["INV-2026-0001", "INV-2026-0003"], overdue.Select(r => r["number"]));
        var first = overdue[0];
        Assert.Equal(("Sent", "true", "Acme GmbH", "EUR"), (first["status"], first["overdue"], first["clientName"], first["currency"]));
        Assert.Equal(("99.50", "19.90", "119.40", "0.00", "119.40"), (first["subtotal"], first["tax"], first["total"], first["amountPaid"], first["balance"]));
        Assert.Equal(("2026-10-15", "2026-11-01", "2026-11-22T09:00:00Z"), (first["issueDate"], first["dueDate"], first["sentAt"]));
    }

    [Fact]
    public async Task Bad_filters_are_problems_naming_the_field_before_any_csv_is_written()
    {
        var http = app.Http();
        var response = await http.GetAsync("/api/exports/invoices.csv?status=Lost");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await response.ReadAsync(HttpStatusCode.BadRequest))["errors"]!["status"]);
        var range = await http.GetAsync("/api/exports/history.csv?from=2026-11-10&to=2026-11-01");
        Assert.NotNull((await range.ReadAsync(HttpStatusCode.BadRequest))["errors"]!["to"]);
    }

    [Fact]
    public async Task Client_text_that_looks_like_a_formula_or_breaks_lines_arrives_whole_and_defused()
    {
        var http = app.Http();
        var name = "=HYPERLINK(\"http://evil.example\",\"Click\"), Inc.\nSecond line";
        var clientId = (await http.CreateClientAsync(name: name))["id"].Str();
        await http.CreateInvoiceAsync(Rest.Invoice(clientId));
        var row = Assert.Single(await CsvAsync(http, "/api/exports/invoices.csv"));
        Assert.Equal("'" + name, row["clientName"]);
    }

    [Fact]
    public async Task History_export_filters_by_invoice_and_by_day()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var first = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        app.Clock.Advance(TimeSpan.FromDays(2));
        var second = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        await MarkSentAsync(second);

        var all = await CsvAsync(http, "/api/exports/history.csv");
        Assert.Equal(["created", "created", "approved", "sent"], all.Select(r => r["action"]));
        Assert.Equal(("2026-11-22T09:00:00Z", "INV-2026-0001", "local", "api"), (all[0]["at"], all[0]["invoiceNumber"], all[0]["actor"], all[0]["channel"]));
        Assert.Equal(("Approved", "Sent"), (all[3]["fromStatus"], all[3]["toStatus"]));

        Assert.Equal(["created", "approved", "sent"], (await CsvAsync(http, $"/api/exports/history.csv?invoiceId={second}")).Select(r => r["action"]));
        Assert.Equal([first], (await CsvAsync(http, "/api/exports/history.csv?to=2026-11-22")).Select(r => r["invoiceId"]));
        Assert.Equal(3, (await CsvAsync(http, "/api/exports/history.csv?from=2026-11-24&to=2026-11-24")).Count);
        Assert.Empty(await CsvAsync(http, "/api/exports/history.csv?from=2026-11-23&to=2026-11-23"));
    }

    [Fact]
    public async Task A_large_export_streams_every_row()
    {
        var http = app.Http();
        var clientId = Guid.Parse((await http.CreateClientAsync())["id"].Str());
        // Arranged in the store directly: 3,000 invoices through the API would only slow the test down.
        await app.WithDbAsync(async db =>
        {
            for (var n = 1; n <= 3000; n++)
            {
                var invoice = new Invoice { Number = $"BULK-{n:00000}", CreatedBy = "bench", CreatedAt = app.Clock.GetUtcNow() };
                db.Entry(invoice).Property("ClientId").CurrentValue = clientId;
                db.Entry(invoice).Property("Currency").CurrentValue = "EUR";
                db.Entry(invoice).Property("IssueDate").CurrentValue = new DateOnly(2026, 11, 1);
                db.Entry(invoice).Property("DueDate").CurrentValue = new DateOnly(2026, 12, 1);
                db.Invoices.Add(invoice);
            }
            return await db.SaveChangesAsync();
        });
        var rows = await CsvAsync(http, "/api/exports/invoices.csv");
        Assert.Equal(3000, rows.Count);
        Assert.Equal("BULK-03000", rows[0]["number"]);
    }
}
