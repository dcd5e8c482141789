using System.Text;
using System.Text.Json;
using ChatBilling.Core;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Slack;
using ChatBilling.Slack.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Bench.Slack;

/// <summary>
/// How fast <c>POST /slack/interactions</c> acknowledges Approve clicks when many arrive at once: N signed clicks
/// sent concurrently over loopback HTTP to a host on SQLite, each timed from send to response. The ack verifies the
/// signature, parses the payload and stores the click in the outbox; deciding happens later and is not timed
/// (background drains are off, so they do not compete for the database during the burst).
/// </summary>
public static class InteractionAckBench
{
    private const string Secret = "bench-signing-secret";
    private const string User = "U0BENCH";

    public static async Task<int> RunAsync(string[] args)
    {
        var clicks = args.Length > 0 ? int.Parse(args[0]) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
        var databasePath = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-slack-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = await StartAsync(databasePath);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clicks }) { BaseAddress = new Uri(address) };

            Console.WriteLine($"slack: {clicks} concurrent signed Approve clicks per round on /slack/interactions, SQLite, {rounds} rounds");
            await BurstAsync(http, clicks, "warmup"); // JIT, EF model, connection pool
            var all = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var cost = BurstCost.Now();
                var latencies = await BurstAsync(http, clicks, $"r{round}");
                all.AddRange(latencies);
                Console.WriteLine($"  round {round}: p50 {Bursts.Percentile(latencies, 50),7:F1} ms   p99 {Bursts.Percentile(latencies, 99),7:F1} ms   max {latencies.Max(),7:F1} ms   {cost.Since(clicks)}");
            }
            var stored = await CountStoredAsync(app);
            if (stored != clicks * (rounds + 1)) throw new InvalidOperationException($"{stored} clicks stored, expected {clicks * (rounds + 1)}.");
            Console.WriteLine($"all {all.Count} clicks: p50 {Bursts.Percentile(all, 50):F1} ms, p99 {Bursts.Percentile(all, 99):F1} ms; every click stored once");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(databasePath + suffix);
        }
    }

    private static async Task<WebApplication> StartAsync(string databasePath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBilling"] = $"Data Source={databasePath}",
            ["Jobs:Schedule"] = "false",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Approvals:Approvers:0:Name"] = "Bench Approver",
            ["Approvals:Approvers:0:Email"] = "bench@example.com",
            ["Approvals:Approvers:0:SlackUserId"] = User,
            ["Approvals:Approvers:0:Roles:0"] = "approver",
        });
        builder.Services.AddChatBillingCore(builder.Configuration);
        builder.AddSlack();
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        app.MapSlack();
        await app.StartAsync();
        return app;
    }

    /// <summary>Sends every click at once and returns each one's latency in milliseconds.</summary>
    private static Task<double[]> BurstAsync(HttpClient http, int clicks, string round) =>
        Bursts.SendAtOnceAsync(http, Enumerable.Range(0, clicks).Select(i => Signed(Click($"{round}-{i}"))).ToList(), (response, _) =>
        {
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Click answered {(int)response.StatusCode}.");
        });

    private static string Click(string triggerId) => "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new
    {
        type = "block_actions", trigger_id = triggerId, user = new { id = User }, channel = new { id = "C0BENCH" },
        actions = new[] { new { action_id = "approve", value = JsonSerializer.Serialize(new { invoiceId = Guid.NewGuid(), cardVersion = "1:1" }) } },
    }));

    private static HttpRequestMessage Signed(string body)
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SlackSignature.TimestampHeader, stamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(Secret, stamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static async Task<int> CountStoredAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatBillingDb>().OutboxMessages.CountAsync(m => m.Kind == SlackInbox.DecisionKind);
    }
}
