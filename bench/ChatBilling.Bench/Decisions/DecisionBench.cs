using System.Diagnostics;
using ChatBilling.Core;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Slack;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Bench.Decisions;

/// <summary>
/// How fast the chat lane applies stored decisions, and where their time goes. N invoices are submitted and their cards
/// posted to a fake (loopback) Slack, untimed; then N Approve clicks are stored as Slack stores them (`slack.decision`
/// through the group commit) and one drain of the chat lane is timed until every decision, its card update and its
/// ephemeral reply are done. With <c>profile</c>, every database command, commit and outbox attempt is timed by kind, so
/// the breakdown per decision can be read off. Background dispatch is off, so only the timed drain does the work.
/// </summary>
public static class DecisionBench
{
    private const string User = "U0BENCH";
    private const string Channel = "C0BENCH";
    private static readonly Actor Bench = new("bench", "api");

    /// <summary>[decisions=100] [sqlite | postgres=&lt;connection string&gt;] [profile]</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100;
        var store = args.Length > 1 ? args[1] : "sqlite";
        var profile = args.Contains("profile");
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-decisions-{Guid.NewGuid():N}.db");
        var (provider, connection) = store.StartsWith("postgres=", StringComparison.Ordinal)
            ? ("Postgres", $"{store["postgres=".Length..]};Database=bench_decisions_{Guid.NewGuid():N}")
            : ("Sqlite", $"Data Source={sqlitePath}");
        var mail = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-decisions-mail-{Guid.NewGuid():N}");
        await using var slack = await FakeSlackApi.StartAsync();
        var probe = new DbProbe();
        var handlers = new HandlerProbe();
        try
        {
            await using var app = await StartAsync(provider, connection, slack.BaseUrl, mail, profile ? probe : null, profile ? handlers : null);
            // As many invoices again are decided first, untimed, so the timed drain measures warm code rather than the JIT.
            var warmUp = Math.Max(10, count);
            var seeded = await SeedAsync(app.Services, warmUp + count);
            var pending = seeded[warmUp..];
            var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
            // The cards (and the PDFs in their threads), timed apart: how fast the chat lane posts when nothing else runs.
            probe.Reset();
            var posting = Stopwatch.StartNew();
            await dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);
            Console.WriteLine($"cards: {slack.Calls.Count(c => c.Method == "chat.postMessage")} posted with their PDFs by one chat-lane drain in " +
                              $"{posting.Elapsed.TotalSeconds:F2} s ({posting.Elapsed.TotalMilliseconds / seeded.Count:F1} ms per card)");
            if (profile) probe.Print(posting.Elapsed, seeded.Count);
            var inbound = app.Services.GetRequiredService<SlackInboxWriter>();
            await Task.WhenAll(seeded[..warmUp].Select(p => inbound.QueueAsync(SlackInbox.DecisionKind, $"t-{p.Id:N}",
                new SlackDecisionWork(User, p.Id, p.CardVersion, true, null, Channel), CancellationToken.None)));
            await dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);
            await Task.WhenAll(pending.Select(p => inbound.QueueAsync(SlackInbox.DecisionKind, $"t-{p.Id:N}",
                new SlackDecisionWork(User, p.Id, p.CardVersion, true, null, Channel), CancellationToken.None)));
            var updatesBefore = slack.Calls.Count(c => c.Method == "chat.update");

            // For a sampling profiler (dotnet-trace -p): say so and wait for the named file before the timed drain.
            if (Environment.GetEnvironmentVariable("CHATBILLING_BENCH_WAIT_FOR") is { Length: > 0 } go)
            {
                Console.WriteLine($"waiting for {go} (pid {Environment.ProcessId})");
                while (!File.Exists(go)) await Task.Delay(100);
            }
            probe.Reset();
            handlers.Reset();
            var calls = slack.Calls.Count;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var started = Stopwatch.StartNew();
            var attempts = await dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);
            var elapsed = started.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetTotalAllocatedBytes() - allocated;
            calls = slack.Calls.Count - calls;
            var decided = await InScopeAsync(app.Services, sp => sp.GetRequiredService<ChatBillingDb>().Invoices
                .CountAsync(i => i.Status == InvoiceStatus.Approved)) - warmUp;
            var updates = slack.Calls.Count(c => c.Method == "chat.update") - updatesBefore;
            Console.WriteLine($"decisions: {count} stored Slack Approve clicks applied by one chat-lane drain, {provider}");
            Console.WriteLine($"  {decided} approved, {updates} cards updated, {attempts} attempts in {elapsed.TotalSeconds:F2} s " +
                              $"({decided / elapsed.TotalSeconds:F1} decisions per second, {elapsed.TotalMilliseconds / Math.Max(1, decided):F1} ms each)");
            // CPU of the whole process (the fake Slack's Kestrel included): the budget is about 5 ms of the 2 cores a decision.
            Console.WriteLine($"  CPU {cpu.TotalMilliseconds / Math.Max(1, decided):F1} ms, {allocated / 1024.0 / Math.Max(1, decided):F0} KB allocated and " +
                              $"{calls / (double)Math.Max(1, decided):F1} Slack calls per decision");
            if (profile)
            {
                probe.Print(elapsed, Math.Max(1, decided));
                handlers.Print(Math.Max(1, decided));
            }
            return decided == count && updates >= count ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(sqlitePath + suffix);
            if (Directory.Exists(mail)) Directory.Delete(mail, recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string provider, string connection, string slackApi, string mail, DbProbe? probe,
        HandlerProbe? handlers)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBilling"] = connection,
            ["Database:Provider"] = provider,
            ["Jobs:Schedule"] = "false",
            ["Slack:SigningSecret"] = "bench-signing-secret",
            ["Slack:BotToken"] = FakeSlackApi.BotToken,
            ["Slack:ApiBaseUrl"] = slackApi,
            ["Slack:ApprovalChannel"] = Channel,
            ["Slack:PaceCalls"] = "false",
            ["Smtp:PickupDirectory"] = mail,
            ["Seller:Name"] = "Bench Ltd",
            ["Approvals:Approvers:0:Name"] = "Bench Approver",
            ["Approvals:Approvers:0:Email"] = "approver@example.com",
            ["Approvals:Approvers:0:SlackUserId"] = User,
            ["Approvals:Approvers:0:Roles:0"] = "approver",
        });
        builder.Services.AddChatBillingCore(builder.Configuration);
        builder.Services.AddSingleton<IDocumentLinks, PlainDocumentLinks>();
        builder.Services.AddSingleton<ICustomerLinks, NumberLinks>();
        if (probe is not null)
        {
            builder.Services.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(probe, probe.Transactions), ServiceLifetime.Singleton);
            builder.Services.ConfigureDbContext<PostgresChatBillingDb>(o => o.AddInterceptors(probe, probe.Transactions), ServiceLifetime.Singleton);
        }
        builder.AddSlack();
        handlers?.Wrap(builder.Services);
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            await db.Database.EnsureCreatedAsync();
            if (provider == "Sqlite") await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        app.MapSlack();
        await app.StartAsync();
        return app;
    }

    /// <summary>Invoices of 2,500 EUR (one approval step each), submitted by someone other than the approver.</summary>
    private static Task<List<(Guid Id, string CardVersion)>> SeedAsync(IServiceProvider services, int count) =>
        InScopeAsync(services, async sp =>
        {
            var client = await sp.GetRequiredService<ClientService>().CreateAsync(
                new ClientInput("Bench Client Ltd", "ap@client.example", "EUR", "en-GB", null, null, null));
            var invoices = sp.GetRequiredService<InvoiceService>();
            var approvals = sp.GetRequiredService<ApprovalService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var pending = new List<(Guid, string)>();
            for (var i = 0; i < count; i++)
            {
                var invoice = await invoices.CreateAsync(new InvoiceInput(client.Id, "EUR", today, today.AddDays(30), null, null, null,
                    [new LineItemInput($"Consulting, item {i}", 1m, 2500m, 0.2m)]), Bench);
                await approvals.SubmitAsync(invoice.Id, Bench);
                var (submitted, steps) = await approvals.StepsAsync(invoice.Id);
                pending.Add((invoice.Id, ApprovalService.CardVersion(submitted, steps.Single())));
            }
            return pending;
        });

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
