using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Api;

public sealed class InvoiceApiTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Health_answers_with_the_database()
    {
        var health = await app.Http().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Created_invoice_is_a_draft_with_computed_totals_and_a_location()
    {
        var http = app.Http();
        var client = await http.CreateClientAsync("JPY");
        var response = await http.PostAsJsonAsync("/api/invoices", new
        {
            clientId = client["id"].Str(), issueDate = "2026-11-22", dueDate = "2026-12-22", workCompletedOn = "2026-11-20",
            lineItems = new[] { new { description = "Audit", quantity = 3m, unitPrice = 333.5m, taxRate = 0.1m } },
        });
        var invoice = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/invoices/{invoice["id"].Str()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Draft", invoice["status"].Str());
        Assert.Equal("JPY", invoice["currency"].Str());
        Assert.Equal((1001m, 100m, 1101m), (invoice["subtotal"]!.GetValue<decimal>(), invoice["tax"]!.GetValue<decimal>(), invoice["total"]!.GetValue<decimal>()));
        Assert.Equal("INV-2026-0001", invoice["number"].Str());
    }

    [Fact]
    public async Task Numbers_are_assigned_per_issue_year_and_skip_numbers_taken_by_hand()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        await http.CreateInvoiceAsync(Rest.Invoice(clientId, number: "INV-2026-0002"));
        var numbers = new List<string>();
        foreach (var issued in new[] { "2026-11-22", "2026-12-01", "2027-01-02", "2026-12-31" })
            numbers.Add((await http.CreateInvoiceAsync(Rest.Invoice(clientId, issueDate: issued, dueDate: "2027-02-01")))["number"].Str());
        Assert.Equal(["INV-2026-0001", "INV-2026-0003", "INV-2027-0001", "INV-2026-0004"], numbers);
    }

    [Fact]
    public async Task Concurrent_creates_never_share_a_number()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => http.PostAsJsonAsync("/api/invoices", Rest.Invoice(clientId))));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await app.WithDbAsync(db => db.Invoices.Select(i => i.Number).ToListAsync());
        Assert.Equal(12, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Drafts_are_edited_in_place_and_submitted_ones_are_not()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();

        var edited = await (await http.PutAsJsonAsync($"/api/invoices/{id}", Rest.Invoice(clientId, unitPrice: 2000m))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2400m, edited["total"]!.GetValue<decimal>());
        Assert.Equal("INV-2026-0001", edited["number"].Str());

        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        var refused = await http.PutAsJsonAsync($"/api/invoices/{id}", Rest.Invoice(clientId, unitPrice: 1m));
        await refused.ReadAsync(HttpStatusCode.Conflict);
        var stored = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2400m, stored["total"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData(999.99, "Approved", "auto-approved")]
    [InlineData(1000, "PendingApproval", "submitted")]
    public async Task Submit_auto_approves_only_under_the_threshold(decimal total, string status, string action)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var body = new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Fixed fee", quantity = 1m, unitPrice = total, taxRate = 0m } },
        };
        var id = (await http.CreateInvoiceAsync(body))["id"].Str();
        var submitted = await (await http.PostAsync($"/api/invoices/{id}/submit", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(status, submitted["status"].Str());
        var history = await (await http.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
        Assert.Equal(["created", action], history.Select(h => h!["action"].Str()));
        Assert.Equal(["Draft", status], history.Select(h => h!["toStatus"].Str()));
        Assert.All(history, h => Assert.Equal("local", h!["actor"].Str()));
        Assert.Equal(BillingApp.Start, history[1]!["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Ten_concurrent_submits_of_one_draft_let_exactly_one_win()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => http.PostAsync($"/api/invoices/{id}/submit", null)));

        Assert.Single(responses, r => r.IsSuccessStatusCode);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ToStatus == InvoiceStatus.PendingApproval).CountAsync());
        Assert.Equal(1, entries);
    }

    [Fact]
    public async Task The_list_filters_by_status_client_overdue_and_sent()
    {
        var http = app.Http();
        var acme = (await http.CreateClientAsync())["id"].Str();
        var other = (await http.CreateClientAsync(name: "Other Ltd"))["id"].Str();
        var overdue = (await http.CreateInvoiceAsync(Rest.Invoice(acme, unitPrice: 10, dueDate: "2026-11-30")))["id"].Str();
        var sentNotDue = (await http.CreateInvoiceAsync(Rest.Invoice(acme, unitPrice: 10, dueDate: "2026-12-30")))["id"].Str();
        var draft = (await http.CreateInvoiceAsync(Rest.Invoice(other, dueDate: "2026-11-30")))["id"].Str();
        foreach (var id in new[] { overdue, sentNotDue })
        {
            (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
            await app.WithDbAsync(async db =>
            {
                var invoice = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(id));
                db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", app.Clock.GetUtcNow()));
                return await db.SaveChangesAsync();
            });
        }
        app.Clock.Advance(TimeSpan.FromDays(10)); // now 2026-12-02: the first is overdue

        async Task<string[]> Ids(string query) =>
            (await (await http.GetAsync("/api/invoices" + query)).ReadArrayAsync()).Select(i => i!["id"].Str()).Order().ToArray();

        Assert.Equal([overdue], await Ids("?overdue=true"));
        Assert.Equal(new[] { overdue, sentNotDue }.Order(), await Ids("?sent=true"));
        Assert.Equal([draft], await Ids("?status=draft"));
        Assert.Equal([draft], await Ids($"?clientId={other}"));
        Assert.Equal([sentNotDue], await Ids($"?clientId={acme}&overdue=false"));
        Assert.Equal(2, (await Ids("?limit=2")).Length);
        var listed = (await (await http.GetAsync("/api/invoices?overdue=true")).ReadArrayAsync()).Single()!;
        Assert.True(listed["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_invoice_routes()
    {
        var document = await (await app.Http().GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        Assert.NotNull(document["paths"]?["/api/invoices/{id}/submit"]);
    }
}
