using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Postgres;

/// <summary>The metrics, reconciliation and CSV queries translate and agree on PostgreSQL too.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportsOnPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Metrics_reconciliation_and_exports_work_on_postgres()
    {
        using var app = BillingApp.OnPostgres(postgres.NewDatabase()).WithApprovers();
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22", workCompletedOn = "2026-11-19",
            lineItems = new[] { new { description = "Build, \"phase 1\"", quantity = 1m, unitPrice = 2000m, taxRate = 0m } },
        }))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(5));
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceId = id, amount = 500m, paidOn = "2026-11-22", reference = "PG-1" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = "NOPE-1", amount = 5m, paidOn = "2026-11-22", reference = "PG-2" })).EnsureSuccessStatusCode();

        var metrics = await (await http.GetAsync("/api/metrics?days=30")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((3.0, 5.0), (metrics["sendLag"]!["medianDays"]!.GetValue<double>(), metrics["approvalTime"]!["medianHours"]!.GetValue<double>()));
        Assert.Equal(22.5, metrics["dso"]![0]!["days"]!.GetValue<double>()); // 1,500 owed of 2,000 sold × 30 days

        var report = await (await http.GetAsync("/api/reconciliation")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("PG-2", "INV-2026-0001"), (report["unmatchedPayments"]![0]!["reference"].Str(), report["partialPayments"]![0]!["number"].Str()));

        var invoices = await http.GetStringAsync("/api/exports/invoices.csv?sent=true");
        Assert.Contains("\r\nINV-2026-0001,Sent,false,", invoices);
        Assert.Contains(",2000.00,500.00,1500.00,", invoices);
        var history = await http.GetStringAsync($"/api/exports/history.csv?invoiceId={id}");
        Assert.Equal(6, history.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header + created, submitted, approved, sent, payment
    }
}
