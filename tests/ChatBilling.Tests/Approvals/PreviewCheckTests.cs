using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Approvals;

public sealed class PreviewCheckTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    private static object Body(string clientId, decimal price, string issueDate = "2026-11-22", string dueDate = "2026-12-22",
        string description = "Retainer") => new
    {
        clientId, issueDate, dueDate,
        lineItems = new[] { new { description, quantity = 1m, unitPrice = price, taxRate = 0m } },
    };

    private static async Task<string[]> CodesAsync(HttpClient http, string id) =>
        (await (await http.GetAsync($"/api/invoices/{id}/checks")).ReadArrayAsync()).Select(c => c!["code"].Str()).ToArray();

    [Fact]
    public async Task A_clean_invoice_has_no_warnings()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Body(clientId, 1200)))["id"].Str();
        Assert.Empty(await CodesAsync(http, id));
    }

    [Theory]
    [InlineData("2026-11-20", true)]
    [InlineData("2026-10-23", true)]
    [InlineData("2026-10-22", false)]
    public async Task Same_client_and_total_within_30_days_is_a_possible_duplicate(string earlierIssue, bool warned)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        await http.CreateInvoiceAsync(Body(clientId, 1200, earlierIssue, "2026-12-30"));
        var id = (await http.CreateInvoiceAsync(Body(clientId, 1200)))["id"].Str();
        Assert.Equal(warned, (await CodesAsync(http, id)).Contains("possible-duplicate"));
    }

    [Theory]
    [InlineData(3000, false)]
    [InlineData(3000.01, true)]
    public async Task A_total_over_three_times_the_clients_median_is_unusual(decimal total, bool warned)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        foreach (var (price, month) in new[] { (900m, 5), (1000m, 6), (1100m, 7) })
        {
            var earlier = (await http.CreateInvoiceAsync(Body(clientId, price, $"2026-0{month}-01", $"2026-0{month}-28")))["id"].Str();
            (await http.PostAsync($"/api/invoices/{earlier}/submit", null)).EnsureSuccessStatusCode();
        }
        var id = (await http.CreateInvoiceAsync(Body(clientId, total)))["id"].Str();
        Assert.Equal(warned, (await CodesAsync(http, id)).Contains("unusual-total"));
    }

    [Fact]
    public async Task Past_due_dates_and_empty_or_free_lines_are_flagged()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var response = await http.PostAsJsonAsync("/api/invoices", new
        {
            clientId, issueDate = "2026-10-01", dueDate = "2026-11-01",
            lineItems = new object[]
            {
                new { description = "Design", quantity = 1m, unitPrice = 500m, taxRate = 0m },
                new { description = "", quantity = 1m, unitPrice = 100m, taxRate = 0m },
                new { description = "Goodwill hours", quantity = 2m, unitPrice = 0m, taxRate = 0m },
            },
        });
        var id = (await response.ReadAsync(System.Net.HttpStatusCode.Created))["id"].Str();
        var checks = await (await http.GetAsync($"/api/invoices/{id}/checks")).ReadArrayAsync();
        Assert.Equal(["due-date-past", "line-without-description", "line-zero-price"], checks.Select(c => c!["code"].Str()));
        Assert.Contains("Line 2", checks[1]!["message"].Str());
        Assert.Contains("Line 3", checks[2]!["message"].Str());
    }

    // The checks that read the client's other invoices are remembered per invoice (PreviewCheckMemo); each test asks
    // once, changes something, and asks again: the second answer must be worked out anew, never the remembered one.

    [Fact]
    public async Task A_new_twin_of_the_client_shows_on_an_invoice_already_checked()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Body(clientId, 1200)))["id"].Str();
        Assert.Empty(await CodesAsync(http, id));
        Assert.Empty(await CodesAsync(http, id));

        await http.CreateInvoiceAsync(Body(clientId, 1200, "2026-11-20"));
        Assert.Equal(["possible-duplicate"], await CodesAsync(http, id));
    }

    [Fact]
    public async Task Editing_the_invoice_or_voiding_its_twin_changes_its_checks()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var twin = (await http.CreateInvoiceAsync(Body(clientId, 1500, "2026-11-20")))["id"].Str();
        var id = (await http.CreateInvoiceAsync(Body(clientId, 1200)))["id"].Str();
        Assert.Empty(await CodesAsync(http, id));

        (await http.PutAsJsonAsync($"/api/invoices/{id}", Body(clientId, 1500))).EnsureSuccessStatusCode();
        Assert.Equal(["possible-duplicate"], await CodesAsync(http, id));

        (await http.PostAsJsonAsync($"/api/invoices/{twin}/void", new { reason = "Issued twice" })).EnsureSuccessStatusCode();
        Assert.Empty(await CodesAsync(http, id));
    }

    [Fact]
    public async Task An_invoice_moved_to_another_client_leaves_the_first_clients_checks()
    {
        var http = app.Http();
        var first = (await http.CreateClientAsync())["id"].Str();
        var second = (await http.CreateClientAsync())["id"].Str();
        var moving = (await http.CreateInvoiceAsync(Body(first, 1200, "2026-11-20")))["id"].Str();
        var id = (await http.CreateInvoiceAsync(Body(first, 1200)))["id"].Str();
        Assert.Equal(["possible-duplicate"], await CodesAsync(http, id));

        (await http.PutAsJsonAsync($"/api/invoices/{moving}", Body(second, 1200, "2026-11-20"))).EnsureSuccessStatusCode();
        Assert.Empty(await CodesAsync(http, id));
    }

    [Fact]
    public async Task A_newly_approved_invoice_of_the_client_moves_its_usual_total()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        foreach (var (price, month) in new[] { (900m, 5), (1000m, 6) })
        {
            var earlier = (await http.CreateInvoiceAsync(Body(clientId, price, $"2026-0{month}-01", $"2026-0{month}-28")))["id"].Str();
            (await http.PostAsync($"/api/invoices/{earlier}/submit", null)).EnsureSuccessStatusCode();
        }
        var id = (await http.CreateInvoiceAsync(Body(clientId, 3500)))["id"].Str();
        Assert.Empty(await CodesAsync(http, id));

        // A third submitted invoice gives the client enough history for a usual total: 3500 is over 3 × 1000.
        var third = (await http.CreateInvoiceAsync(Body(clientId, 1100, "2026-07-01", "2026-07-28")))["id"].Str();
        Assert.Empty(await CodesAsync(http, id));
        (await http.PostAsync($"/api/invoices/{third}/submit", null)).EnsureSuccessStatusCode();
        Assert.Equal(["unusual-total"], await CodesAsync(http, id));
    }
}
