using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBilling.Core;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using ChatBilling.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Bench.Teams;

/// <summary>
/// How fast <c>POST /api/messages</c> answers Approve invokes when many arrive at once: N approvals of N different
/// pending invoices, each a signed Bot Framework token checked against a loopback JWKS, checked and stored by group commit,
/// and answered with the clicker's refreshed card, timed from send to response; the outbox decides them afterwards and
/// the benchmark checks every invoice was approved once. SQLite, loopback HTTP.
/// </summary>
public static class InvokeLatencyBench
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Approver = "aad-bench";
    private const string Tenant = "99999999-8888-7777-6666-555555555555";

    public static async Task<int> RunAsync(string[] args)
    {
        var invokes = args.Length > 0 ? int.Parse(args[0]) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
        var databasePath = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-teams-{Guid.NewGuid():N}.db");
        using var rsa = RSA.Create(2048);
        try
        {
            await using var keys = await StartKeysAsync(rsa);
            var keysUrl = Address(keys);
            await using var app = await StartHostAsync(databasePath, keysUrl);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = invokes }) { BaseAddress = new Uri(Address(app)) };

            Console.WriteLine($"teams: {invokes} concurrent Approve invokes per round on /api/messages, SQLite, {rounds} rounds");
            var pending = await SeedAsync(app, invokes * (rounds + 1));
            Console.WriteLine($"  seeded {pending.Count} pending invoices");
            await BurstAsync(http, rsa, keysUrl, pending.Take(invokes).ToList()); // JIT, key fetch, EF model, pool
            var all = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var cost = BurstCost.Now();
                var latencies = await BurstAsync(http, rsa, keysUrl, pending.Skip(round * invokes).Take(invokes).ToList());
                all.AddRange(latencies);
                Console.WriteLine($"  round {round}: p50 {Bursts.Percentile(latencies, 50),7:F1} ms   p99 {Bursts.Percentile(latencies, 99),7:F1} ms   max {latencies.Max(),7:F1} ms   {cost.Since(invokes)}");
            }
            // The invokes stored their decisions; the chat lane applies them (background drains are off during the bursts, as in
            // the Slack benchmark, so only the answers are timed). Then one drain of the chat lane, which takes everything due
            // when it starts, is timed until the last invoice was decided (its step's DecidedAt, on the same clock): how fast
            // stored decisions are applied on SQLite's single writer. The drain's whole length is printed beside it.
            Console.WriteLine($"all {all.Count} invokes: p50 {Bursts.Percentile(all, 50):F1} ms, p99 {Bursts.Percentile(all, 99):F1} ms");
            var drainStarted = DateTimeOffset.UtcNow;
            var drain = System.Diagnostics.Stopwatch.StartNew();
            using (var budget = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                try
                {
                    await DrainChatLaneAsync(app, budget.Token);
                }
                catch (OperationCanceledException) when (budget.IsCancellationRequested)
                {
                }
            }
            drain.Stop();
            var (approved, lastDecided) = await DecidedAsync(app);
            var decidedIn = ((lastDecided ?? drainStarted) - drainStarted).TotalSeconds;
            Console.WriteLine($"  {approved} of {pending.Count} stored decisions applied, the last {decidedIn:F1} s after the drain began " +
                $"({(decidedIn > 0 ? approved / decidedIn : 0):F0} decisions per second); the whole drain took {drain.Elapsed.TotalSeconds:F1} s" +
                (approved == pending.Count ? "; every invoice approved once" : "; the 5-minute drain budget ran out"));
            return approved == pending.Count ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(databasePath + suffix);
        }
    }

    /// <summary>The Bot Framework's OpenID metadata and JWKS on loopback: one RSA key, endorsed for msteams.</summary>
    private static async Task<WebApplication> StartKeysAsync(RSA rsa)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var keys = builder.Build();
        keys.MapGet("/openid", (HttpContext c) => Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = $"http://{c.Request.Host}/keys" }));
        keys.MapGet("/keys", () =>
        {
            var p = rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "bench", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements = new[] { "msteams" } } } });
        });
        await keys.StartAsync();
        return keys;
    }

    private static async Task<WebApplication> StartHostAsync(string databasePath, string keysUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBilling"] = $"Data Source={databasePath}",
            ["Jobs:Schedule"] = "false",
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "bench",
            // Single-tenant, as Azure creates bots today: start-up requires the tenant, and activities must come from it.
            ["Teams:TenantId"] = Tenant,
            ["Teams:OpenIdMetadataUrl"] = keysUrl + "/openid",
            ["Teams:TokenEndpoint"] = keysUrl + "/token",
            ["Teams:ServiceUrl"] = keysUrl + "/connector/",
            // No Teams:ApprovalChannelId: the invokes answer from the store alone, and posting the 1,200 seeded cards into one
            // thread would hold the final drain for minutes on Teams' per-thread limits (TeamsRateLimits) without saying
            // anything about the invokes or the decisions. The decisions therefore update no posted card.
            ["Approvals:Approvers:0:Name"] = "Bench Approver",
            ["Approvals:Approvers:0:Email"] = "bench@example.com",
            ["Approvals:Approvers:0:TeamsAadObjectId"] = Approver,
            ["Approvals:Approvers:0:Roles:0"] = "approver",
        });
        builder.Services.AddChatBillingCore(builder.Configuration);
        builder.Services.AddSingleton<IDocumentLinks, BenchLinks>();
        builder.AddTeams();
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            await db.Database.MigrateAsync();
        }
        app.MapTeams();
        await app.StartAsync();
        return app;
    }

    /// <summary>Invoices of 5,000 EUR (one approval step each), submitted by someone other than the approver.</summary>
    private static async Task<List<(Guid Id, string CardVersion)>> SeedAsync(WebApplication app, int count)
    {
        var seeder = new Actor("bench-seed", "api");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var client = await services.GetRequiredService<ClientService>().CreateAsync(
            new ClientInput("Bench Client GmbH", "ap@bench.example", "EUR", "de-DE", null, null, null));
        var pending = new List<(Guid, string)>();
        for (var i = 0; i < count; i++)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var invoice = await services.GetRequiredService<InvoiceService>().CreateAsync(new InvoiceInput(client.Id, "EUR", today, today.AddDays(30),
                null, null, null, [new LineItemInput($"Consulting, batch {i}", 1, 5000, 0)]), seeder);
            var approvals = services.GetRequiredService<ApprovalService>();
            await approvals.SubmitAsync(invoice.Id, seeder);
            (Invoice Invoice, IReadOnlyList<ApprovalStep> Steps) submitted = await approvals.StepsAsync(invoice.Id);
            pending.Add((invoice.Id, ApprovalService.CardVersion(submitted.Invoice, submitted.Steps.Single())));
        }
        return pending;
    }

    /// <summary>Sends one Approve invoke per invoice, all at once, and returns each one's latency in milliseconds.</summary>
    private static Task<double[]> BurstAsync(HttpClient http, RSA rsa, string serviceUrl, IReadOnlyList<(Guid Id, string CardVersion)> invoices)
    {
        var token = Token(rsa, serviceUrl + "/connector/");
        return Bursts.SendAtOnceAsync(http, invoices.Select((invoice, i) => Invoke(token, serviceUrl + "/connector/", invoice, i)).ToList(), (response, body) =>
        {
            if (!response.IsSuccessStatusCode || !body.Contains("\"statusCode\":200", StringComparison.Ordinal))
                throw new InvalidOperationException($"Invoke answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        });
    }

    /// <summary>One token for the whole burst, as Teams reuses its tokens.</summary>
    private static string Token(RSA rsa, string serviceUrl) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://api.botframework.com", Audience = AppId, Expires = DateTime.UtcNow.AddMinutes(30),
        Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "bench" }, SecurityAlgorithms.RsaSha256),
    });

    private static HttpRequestMessage Invoke(string token, string serviceUrl, (Guid Id, string CardVersion) invoice, int n)
    {
        var activity = new JsonObject
        {
            ["type"] = "invoke", ["name"] = "adaptiveCard/action", ["id"] = $"bench-{invoice.Id:N}", ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl, ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["from"] = new JsonObject { ["id"] = "29:bench", ["aadObjectId"] = Approver },
            ["recipient"] = new JsonObject { ["id"] = "28:" + AppId },
            ["conversation"] = new JsonObject { ["id"] = $"19:bench@thread.tacv2;messageid={n}", ["conversationType"] = "channel", ["tenantId"] = Tenant },
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute", ["verb"] = "approve",
                    ["data"] = new JsonObject { ["invoiceId"] = invoice.Id.ToString(), ["cardVersion"] = invoice.CardVersion },
                },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task DrainChatLaneAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Core.Outbox.OutboxDispatcher>().DrainAsync(Core.Outbox.OutboxLane.Chat, ct);
    }

    /// <summary>How many invoices are decided, and when the last decision was made.</summary>
    private static async Task<(int Approved, DateTimeOffset? LastDecided)> DecidedAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var approved = await db.Invoices.CountAsync(i => i.Status != InvoiceStatus.PendingApproval);
        var decided = await db.ApprovalSteps.Where(s => s.DecidedAt != null).Select(s => s.DecidedAt).ToListAsync();
        return (approved, decided.Max());
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Cards need document links; the benchmark never follows them.</summary>
    private sealed class BenchLinks : IDocumentLinks
    {
        public string PdfUrl(Guid invoiceId) => $"https://billing.example.com/d/{invoiceId:N}/invoice.pdf";
        public string PreviewUrl(Guid invoiceId) => $"https://billing.example.com/d/{invoiceId:N}/preview.png";
    }
}
