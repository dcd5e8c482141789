using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBilling.Core.Triggers;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatBilling.Tests.Integrity;

/// <summary>
/// A bounded fuzz run: about fifteen hundred generated requests per provider (fixed seed) across every JSON route of the
/// API, signed Slack payloads and authenticated Teams activities. None may answer 5xx, and none refused may write a row.
/// </summary>
public abstract class FuzzTests(IProviderApps apps, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 1500;
    private const string TriggerSecret = "fuzz-trigger-secret";
    private FakeSlackApi slack = null!;
    private readonly FakeBotPlatform teams = new();
    private BillingApp app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        app = apps.NewApp().WithApprovers()
            .With("Approvals:Approvers:0:SlackUserId", SlackHarness.DanaUser).With("Approvals:Approvers:0:TeamsAadObjectId", "aad-dana")
            .With("Slack:SigningSecret", SlackHarness.SigningSecret).With("Slack:BotToken", FakeSlackApi.BotToken)
            .With("Slack:ApiBaseUrl", slack.BaseUrl).With("Slack:ApprovalChannel", SlackHarness.ApprovalChannel)
            .With("Teams:AppId", TeamsHost.AppId).With("Teams:AppPassword", "bot-secret")
            .With("Teams:OpenIdMetadataUrl", teams.BaseUrl + "/openid").With("Teams:TokenEndpoint", teams.BaseUrl + "/token")
            .With("Teams:ServiceUrl", teams.ServiceUrl).With("Teams:ApprovalChannelId", TeamsHost.ApprovalChannel)
            .With("Triggers:Sources:0:Name", "crm").With("Triggers:Sources:0:Secret", TriggerSecret)
            .With("Approvals:ExchangeRates:USD", "0.92");
        http = app.Http();
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await slack.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Generated_requests_never_answer_5xx_and_refusals_write_nothing()
    {
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var draft = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        var pending = await http.SubmittedInvoiceAsync(5000);
        var sent = await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 100));
        await app.MarkSentAsync(sent["id"].Str());
        var unmatched = (await (await http.PostAsync("/api/payments", Rest.Json(
            """{ "invoiceNumber": "NOPE-1", "amount": 5, "paidOn": "2026-11-20", "reference": "U-1" }"""))).ReadAsync(System.Net.HttpStatusCode.Accepted))["id"].Str();
        var targets = new Targets(clientId, draft, pending, sent["number"].Str(), unmatched);

        var fuzz = new FuzzInputs(seed: 20261201);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            var (label, request) = Generate(fuzz, targets, i);
            var before = request.Method == HttpMethod.Get ? -1 : await RowsAsync();
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"#{i} {label}: {status} {await response.Content.ReadAsStringAsync()}");
            else if (status >= 400 && before >= 0 && await RowsAsync() != before) failures.Add($"#{i} {label}: {status} but a row was written");
        }
        foreach (var job in new[] { "reminders", "digest", "escalations", "reconciliation", "recurring", "sends", "housekeeping" })
        {
            var run = await http.PostAsync($"/api/jobs/{job}/run", null);
            if ((int)run.StatusCode >= 500) failures.Add($"job {job}: {(int)run.StatusCode} {await run.Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{Requests} requests on {apps.Name} in {clock.Elapsed.TotalSeconds:0.0} s; {failures.Count} failure(s).");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private sealed record Targets(string ClientId, string Draft, string Pending, string SentNumber, string Unmatched);

    private (string Label, HttpRequestMessage Request) Generate(FuzzInputs fuzz, Targets t, int i)
    {
        var lines = new JsonArray(new JsonObject { ["description"] = "Work", ["quantity"] = 2, ["unitPrice"] = 150.5m, ["taxRate"] = 0.2m });
        var invoice = new JsonObject
        {
            ["clientId"] = t.ClientId, ["currency"] = "EUR", ["issueDate"] = "2026-11-22", ["dueDate"] = "2026-12-22", ["notes"] = "n",
            ["workCompletedOn"] = "2026-11-20", ["sendOn"] = "2026-11-23", ["lineItems"] = lines,
        };
        switch (i % 14)
        {
            case 0: return Json("POST", "/api/clients", fuzz, new JsonObject
            {
                ["name"] = $"Client {i}", ["email"] = "ap@client.example", ["currency"] = "EUR", ["locale"] = "de-DE", ["paperSize"] = "A4",
                ["addressLines"] = new JsonArray("Street 1", "Berlin"), ["reminderOffsetsDays"] = new JsonArray(-3, 0, 5),
            });
            case 1: return Json("POST", "/api/invoices", fuzz, invoice);
            case 2: return Json("PUT", $"/api/invoices/{t.Draft}", fuzz, invoice);
            case 3: return Json("POST", $"/api/invoices/{t.Pending}/decisions", fuzz, new JsonObject
                { ["approver"] = ApprovalFixture.Sam, ["decision"] = "reject", ["reason"] = "Wrong rate", ["cardVersion"] = null });
            case 4: return Json("POST", "/api/payments", fuzz, new JsonObject
                { ["invoiceNumber"] = t.SentNumber, ["amount"] = 1.5m, ["paidOn"] = "2026-11-20", ["reference"] = $"F-{i}", ["currency"] = "EUR" });
            case 5: return Json("POST", $"/api/payments/{t.Unmatched}/match", fuzz, new JsonObject { ["invoiceNumber"] = t.SentNumber });
            case 6: return Json("POST", "/api/schedules", fuzz, new JsonObject
            {
                ["clientId"] = t.ClientId, ["name"] = "Retainer", ["cadence"] = fuzz.Pick(["monthly", "cron"]), ["dayOfMonth"] = 31,
                ["cron"] = "0 9 1 * *", ["timeZone"] = "Europe/Berlin", ["startsOn"] = "2026-01-01", ["endsOn"] = "2027-12-31",
                ["paymentTermsDays"] = 14, ["autoSubmit"] = true, ["notes"] = "x", ["lineItems"] = lines.DeepClone(),
            });
            case 7: return Trigger(fuzz, i, t);
            case 8: return SlackEvent(fuzz, i);
            case 9: return SlackInteraction(fuzz, i, t);
            case 10: return SlackCommand(fuzz);
            case 11: case 12: return TeamsActivity(fuzz, i, t);
            default:
                var value = Uri.EscapeDataString(fuzz.HostileValue().Trim('"'));
                var path = fuzz.Pick([$"/api/invoices?status={value}", $"/api/invoices?clientId={value}&overdue=true", $"/api/clients?q={value}",
                    $"/api/payments?outcome={value}", $"/api/metrics?days={value}", $"/api/exports/invoices.csv?status={value}",
                    $"/api/invoices/{t.Draft}/checks", $"/api/reconciliation"]);
                return ($"GET {path}", new HttpRequestMessage(HttpMethod.Get, path));
        }
    }

    private static (string, HttpRequestMessage) Json(string method, string path, FuzzInputs fuzz, JsonObject valid)
    {
        var body = fuzz.Mutate(valid);
        return ($"{method} {path} {Short(body)}", new HttpRequestMessage(new HttpMethod(method), path) { Content = Rest.Json(body) });
    }

    private (string, HttpRequestMessage) Trigger(FuzzInputs fuzz, int i, Targets t)
    {
        var body = fuzz.Mutate(new JsonObject
        {
            ["eventId"] = $"deal-{i}", ["type"] = "deal.closed", ["clientId"] = t.ClientId, ["amount"] = 4000, ["description"] = "Package",
            ["issueDate"] = "2026-11-22", ["workCompletedOn"] = "2026-11-20", ["submit"] = false,
        });
        var stamp = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/triggers") { Content = Rest.Json(body) };
        request.Headers.Add("X-ChatBilling-Source", "crm");
        request.Headers.Add("X-ChatBilling-Timestamp", stamp);
        request.Headers.Add("X-ChatBilling-Signature", TriggerSignature.Header(TriggerSecret, stamp, Encoding.UTF8.GetBytes(body)));
        return ($"POST /api/triggers {Short(body)}", request);
    }

    private (string, HttpRequestMessage) SlackEvent(FuzzInputs fuzz, int i) => SignedSlack("/slack/events", "application/json", fuzz.Mutate(new JsonObject
    {
        ["type"] = fuzz.Pick(["event_callback", "url_verification"]), ["challenge"] = "c", ["event_id"] = $"Ev{i}",
        ["event"] = new JsonObject { ["type"] = "app_mention", ["channel"] = "C1", ["ts"] = "1.2", ["user"] = SlackHarness.DanaUser, ["text"] = "<@B> overdue" },
    }));

    private (string, HttpRequestMessage) SlackInteraction(FuzzInputs fuzz, int i, Targets t)
    {
        var payload = fuzz.Mutate(new JsonObject
        {
            ["type"] = fuzz.Pick(["block_actions", "view_submission"]), ["user"] = new JsonObject { ["id"] = SlackHarness.DanaUser },
            ["trigger_id"] = $"trig-{i}", ["channel"] = new JsonObject { ["id"] = SlackHarness.ApprovalChannel },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = fuzz.Pick(["approve", "reject"]),
                ["value"] = $"{{\"invoiceId\":\"{t.Pending}\",\"cardVersion\":\"x:1\"}}" }),
            ["view"] = new JsonObject { ["id"] = $"V{i}", ["callback_id"] = "reject-reason", ["private_metadata"] = "{}",
                ["state"] = new JsonObject { ["values"] = new JsonObject() } },
        });
        return SignedSlack("/slack/interactions", "application/x-www-form-urlencoded", "payload=" + Uri.EscapeDataString(payload));
    }

    private (string, HttpRequestMessage) SlackCommand(FuzzInputs fuzz) => SignedSlack("/slack/commands", "application/x-www-form-urlencoded",
        $"command=%2Fbilling&text={Uri.EscapeDataString(fuzz.HostileValue())}&user_id={SlackHarness.DanaUser}&channel_id=C1&response_url=");

    private (string, HttpRequestMessage) SignedSlack(string path, string contentType, string body)
    {
        var stamp = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, stamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(SlackHarness.SigningSecret, stamp, Encoding.UTF8.GetBytes(body)));
        return ($"POST {path} {Short(body)}", request);
    }

    private (string, HttpRequestMessage) TeamsActivity(FuzzInputs fuzz, int i, Targets t)
    {
        var body = fuzz.Mutate(new JsonObject
        {
            ["type"] = fuzz.Pick(["message", "invoke", "conversationUpdate"]), ["id"] = $"act-{i}", ["name"] = "adaptiveCard/action",
            ["channelId"] = "msteams", ["serviceUrl"] = teams.ServiceUrl, ["text"] = "overdue",
            ["from"] = new JsonObject { ["id"] = "29:dana", ["name"] = "Dana", ["aadObjectId"] = "aad-dana" },
            ["recipient"] = new JsonObject { ["id"] = TeamsHost.BotId },
            ["conversation"] = new JsonObject { ["id"] = TeamsHost.ApprovalChannel, ["conversationType"] = "channel", ["tenantId"] = "tenant-1" },
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["verb"] = "approve",
                ["data"] = new JsonObject { ["invoiceId"] = t.Pending, ["cardVersion"] = "x:1" } } },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.BotId }),
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Rest.Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teams.Token(app.Clock.GetUtcNow()));
        return ($"POST /api/messages {Short(body)}", request);
    }

    /// <summary>Every table a request could write to, counted in one query.</summary>
    private Task<int> RowsAsync() => app.WithDbAsync(async db =>
        await db.Clients.CountAsync() + await db.Invoices.CountAsync() + await db.Payments.CountAsync() + await db.AuditEntries.CountAsync()
        + await db.RecurringSchedules.CountAsync() + await db.TriggerEvents.CountAsync() + await db.ChatInboundEvents.CountAsync());

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
}

public sealed class SqliteFuzzTests(ITestOutputHelper output) : FuzzTests(new SqliteApps(), output);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFuzzTests(PostgresServer server, ITestOutputHelper output) : FuzzTests(new PostgresApps(server), output);
