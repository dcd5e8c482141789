using ChatBilling.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Payments;
using ChatBilling.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Integrity;

/// <summary>Money, decisions and numbers under simultaneous requests: every race ends 2xx or a clear 409, never 500.</summary>
public abstract class ConcurrencyTests(IProviderApps apps) : IDisposable
{
    private readonly List<BillingApp> started = [];

    public void Dispose()
    {
        foreach (var app in started) app.Dispose();
    }

    private BillingApp NewApp()
    {
        var app = apps.NewApp();
        started.Add(app);
        return app;
    }

    [Fact]
    public async Task Fifty_simultaneous_partial_payments_are_all_recorded_and_add_up()
    {
        var app = NewApp();
        var (http, id, number) = await app.SentInvoiceAsync();
        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => http.PostAsJsonAsync("/api/payments",
            new { invoiceNumber = number, amount = 12.34m, paidOn = "2026-11-21", reference = $"BANK-{i:D3}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var invoice = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((617.00m, 583.00m), (invoice["amountPaid"]!.GetValue<decimal>(), invoice["amountDue"]!.GetValue<decimal>()));
        Assert.Equal(50, await app.WithDbAsync(db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task Payments_from_two_hosts_at_once_are_all_recorded()
    {
        var first = NewApp();
        var (http, id, _) = await first.SentInvoiceAsync();
        var second = BillingApp.SharingDatabaseWith(first);
        started.Add(second);
        var other = second.Http();
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => (i % 2 == 0 ? http : other).PostAsJsonAsync("/api/payments",
            new { invoiceId = id, amount = 30m, paidOn = "2026-11-21", reference = $"TWO-{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var invoice = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("Paid", 1200m), (invoice["status"].Str(), invoice["amountPaid"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task Simultaneous_double_clicks_count_once_and_never_fail()
    {
        var app = NewApp().WithApprovers();
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => http.DecideAsync(id, ApprovalFixture.Dana, "approve")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}"));
        Assert.Single(await http.HistoryAsync(id), h => h!["action"].Str() == "approved");
        Assert.Equal("Approved", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_burst_of_creates_gets_distinct_consecutive_numbers()
    {
        var app = NewApp();
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.PostAsJsonAsync("/api/invoices", Rest.Invoice(clientId))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await app.WithDbAsync(db => db.Invoices.Select(i => i.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"INV-2026-{n:D4}"), numbers.Order());
    }
}

public sealed class SqliteConcurrencyTests() : ConcurrencyTests(new SqliteApps());

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrencyTests(PostgresServer server) : ConcurrencyTests(new PostgresApps(server))
{
    [Fact]
    public async Task Three_hosts_starting_together_on_an_empty_database_all_come_up()
    {
        var database = server.NewDatabase();
        var hosts = Enumerable.Range(0, 3).Select(_ => BillingApp.OnPostgres(database)).ToList();
        try
        {
            var clients = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Http())));
            foreach (var http in clients) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
        }
    }
}
