using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Postgres;

/// <summary>The same model, migrations and outbox on PostgreSQL, the store for more than one machine.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Migrations_apply_and_the_api_works_end_to_end()
    {
        using var app = BillingApp.OnPostgres(postgres.NewDatabase()).WithApprovers();
        var http = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var clientId = (await http.CreateClientAsync("KWD", "Zakład Łódź"))["id"].Str();
        var created = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1234.5678m));
        Assert.Equal(1481.482m, created["total"]!.GetValue<decimal>());
        var id = await http.SubmittedInvoiceAsync(5000);
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(["created", "submitted", "approved"], (await http.HistoryAsync(id)).Select(h => h!["action"].Str()));
        var listed = await (await http.GetAsync($"/api/invoices?status=Draft&clientId={clientId}")).ReadArrayAsync();
        Assert.Single(listed);
    }

    [Fact]
    public async Task Preview_checks_see_a_new_twin_on_postgres_too()
    {
        // The remembered checks' stamp (count, sum of versions, latest change per client) is one grouped query per provider.
        using var app = BillingApp.OnPostgres(postgres.NewDatabase()).WithApprovers();
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1200m)))["id"].Str();
        async Task<string[]> CodesAsync() =>
            (await (await http.GetAsync($"/api/invoices/{id}/checks")).ReadArrayAsync()).Select(c => c!["code"].Str()).ToArray();
        Assert.DoesNotContain("possible-duplicate", await CodesAsync());
        await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 1200m));
        Assert.Contains("possible-duplicate", await CodesAsync());
    }

    [Fact]
    public async Task Ten_concurrent_submits_let_exactly_one_win()
    {
        using var app = BillingApp.OnPostgres(postgres.NewDatabase());
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => http.PostAsync($"/api/invoices/{id}/submit", null)));
        Assert.Single(responses, r => r.IsSuccessStatusCode);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Two_hosts_send_200_approved_invoices_each_exactly_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var database = postgres.NewDatabase();
        using var first = TwoHostScenario.Configure(BillingApp.OnPostgres(database), "pg-host-a", smtp);
        using var second = TwoHostScenario.Configure(BillingApp.OnPostgres(database), "pg-host-b", smtp);
        first.Http();
        await TwoHostScenario.SendEachOnceAsync(first, second, smtp);
    }
}
