using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatBilling.Tests.Integrity;

/// <summary>
/// A bounded fuzz run: <see cref="Requests"/> generated requests per provider (fixed seed) across every JSON route of the
/// API and the console, signed Slack payloads and authenticated Teams activities. None may answer 5xx or hang, and none
/// refused (4xx) may write a row. The same seed gives the same requests on both providers, so their answers are compared too.
/// </summary>
public abstract class FuzzTests(IProviderApps apps, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 800;
    private FakeSlackApi slack = null!;
    private readonly FakeBotPlatform teams = new();
    private BillingApp app = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        app = apps.NewApp().WithApprovers().With("Console:DevSignIn", "true")
            .With("Approvals:Approvers:0:SlackUserId", SlackHarness.DanaUser).With("Approvals:Approvers:0:TeamsAadObjectId", "aad-dana")
            .With("Slack:SigningSecret", SlackHarness.SigningSecret).With("Slack:BotToken", FakeSlackApi.BotToken)
            .With("Slack:ApiBaseUrl", slack.BaseUrl).With("Slack:ApprovalChannel", SlackHarness.ApprovalChannel)
            .With("Teams:AppId", TeamsHost.AppId).With("Teams:AppPassword", "bot-secret").With("Teams:TenantId", TeamsHost.TenantId)
            .With("Teams:OpenIdMetadataUrl", teams.BaseUrl + "/openid").With("Teams:EntraOpenIdMetadataUrl", teams.EntraMetadataUrlTemplate)
            .With("Teams:TokenEndpoint", teams.BaseUrl + "/token")
            .With("Teams:ServiceUrl", teams.ServiceUrl).With("Teams:ApprovalChannelId", TeamsHost.ApprovalChannel)
            .With("Triggers:Sources:0:Name", "crm").With("Triggers:Sources:0:Secret", FuzzRequests.TriggerSecret)
            .With("Approvals:ExchangeRates:USD", "0.92");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await slack.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Generated_requests_never_answer_5xx_or_hang_and_refusals_write_nothing()
    {
        var http = app.Http();
        var console = app.Http();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email = ApprovalFixture.Dana }) };
        signIn.Headers.Add("X-ChatBilling-Console", "1");
        (await console.SendAsync(signIn)).EnsureSuccessStatusCode();

        var clientId = (await http.CreateClientAsync())["id"].Str();
        var draft = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        var pending = await http.SubmittedInvoiceAsync(5000);
        var sent = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 100));
        await app.MarkSentAsync(sent["id"].Str());
        var unmatched = (await (await http.PostAsync("/api/payments", Rest.Json(
            """{ "invoiceNumber": "NOPE-1", "amount": 5, "paidOn": "2026-11-20", "reference": "U-1" }"""))).ReadAsync(HttpStatusCode.Accepted))["id"].Str();
        var requests = new FuzzRequests(new FuzzInputs(seed: 20261201), app, teams,
            new FuzzTargets(clientId, draft, pending, sent["number"].Str(), unmatched));

        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            var (label, request, viaConsole) = requests.Generate(i);
            var before = request.Method == HttpMethod.Get ? -1 : await RowsAsync();
            // Chat platforms give up after a few seconds (Slack 3 s, Teams 15 s); nothing here may take longer than Teams allows.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            HttpResponseMessage response;
            try
            {
                response = await (viaConsole ? console : http).SendAsync(request, timeout.Token);
            }
            catch (TaskCanceledException)
            {
                failures.Add($"#{i} {label}: no answer within 15 s");
                continue;
            }
            using var answered = response;
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"#{i} {label}: {status} {await response.Content.ReadAsStringAsync()}");
            else if (status >= 400 && before >= 0 && await RowsAsync() != before) failures.Add($"#{i} {label}: {status} but a row was written");
        }
        foreach (var job in new[] { "reminders", "digest", "escalations", "reconciliation", "recurring", "housekeeping" })
        {
            var run = await http.PostAsync($"/api/jobs/{job}/run", null);
            if ((int)run.StatusCode >= 500) failures.Add($"job {job}: {(int)run.StatusCode} {await run.Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{Requests} requests on {apps.Name} in {clock.Elapsed.TotalSeconds:0.0} s; {failures.Count} failure(s).");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Every table a request could write to, counted in one query.</summary>
    private Task<int> RowsAsync() => app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(
        """
        SELECT (SELECT COUNT(*) FROM "Clients") + (SELECT COUNT(*) FROM "Invoices") + (SELECT COUNT(*) FROM "Payments")
             + (SELECT COUNT(*) FROM "AuditEntries") + (SELECT COUNT(*) FROM "RecurringSchedules") + (SELECT COUNT(*) FROM "TriggerEvents")
             + (SELECT COUNT(*) FROM "ChatInboundEvents") + (SELECT COUNT(*) FROM "ApprovalSteps") AS "Value"
        """).SingleAsync());
}

public sealed class SqliteFuzzTests(ITestOutputHelper output) : FuzzTests(new SqliteApps(), output);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFuzzTests(PostgresServer server, ITestOutputHelper output) : FuzzTests(new PostgresApps(server), output);
