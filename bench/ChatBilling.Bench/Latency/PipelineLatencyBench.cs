using System.Diagnostics;
using System.Text;
using System.Text.Json;
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
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Bench.Latency;

/// <summary>
/// End to end, as a person sees it: N invoices submitted one after the other until each card is in the (fake, loopback)
/// Slack channel; then all N Approve buttons clicked at once (signed, on /slack/interactions) until each card is
/// updated; then until each invoice email is accepted by a local aiosmtpd server, or with a mail server that accepts
/// and never answers. The host runs as in production (background work on, Jobs:Schedule), with the sends job's
/// minute poll emulated on the wall clock's minute, as Coravel's EveryMinute does. Slack pacing is off
/// (<c>Slack:PaceCalls=false</c>): the fake workspace has no rate limit, while Slack's real ones (one message per second
/// per channel, chat.update at Tier 3, about 50 a minute) would make 200 cards into one channel take over 200 s and
/// measure Slack's limits rather than our pipeline.
/// </summary>
public static class PipelineLatencyBench
{
    private const string Secret = "bench-signing-secret";
    private const string User = "U0BENCH";
    private const string Channel = "C0BENCH";
    private static readonly Actor Bench = new("bench", "api");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    /// <summary>
    /// [submissions=200] [rounds=1] [sqlite | postgres=&lt;connection string&gt;] [smtp | hung] [profile]. With <c>profile</c>,
    /// every database statement and outgoing HTTP call until the round's cards are posted is timed by shape, so the cost of
    /// a card can be read off (submissions included: they run meanwhile).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var submissions = args.Length > 0 ? int.Parse(args[0]) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 1;
        var store = args.Length > 2 ? args[2] : "sqlite";
        var hungMail = args.Length > 3 && args[3] == "hung";
        var profile = args.Contains("profile");
        var (db, calls) = (new Decisions.DbProbe(), new CallProbe());
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-latency-{Guid.NewGuid():N}.db");
        var (provider, connection) = store.StartsWith("postgres=", StringComparison.Ordinal)
            ? ("Postgres", $"{store["postgres=".Length..]};Database=bench_latency_{Guid.NewGuid():N}")
            : ("Sqlite", $"Data Source={sqlitePath}");
        await using var slack = await FakeSlackApi.StartAsync();
        await using var sink = await SmtpSink.StartAsync();
        using var hung = new HungSmtp();
        try
        {
            await using var app = await StartAsync(provider, connection, slack.BaseUrl, hungMail ? hung.Port : sink.Port,
                profile ? (db, calls) : null);
            await using var arrivals = new Arrivals(slack, hungMail ? null : sink.Folder);
            using var stopPoll = new CancellationTokenSource();
            var poll = MinutePollAsync(app.Services.GetRequiredService<OutboxDispatcher>(), stopPoll.Token);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = submissions }) { BaseAddress = new Uri(address) };
            var clientId = await InScopeAsync(app.Services, async sp => (await sp.GetRequiredService<ClientService>().CreateAsync(
                new ClientInput("Bench Client Ltd", Arrivals.ClientEmail, "EUR", "en-GB", null, null, null))).Id);

            Console.WriteLine($"latency: {submissions} submissions then {submissions} concurrent Approve clicks, {provider}, " +
                              $"{(hungMail ? "SMTP hung" : "local SMTP")}, {rounds} round(s)");
            var (cards, acks, updates, emails) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 1; round <= rounds; round++)
            {
                var invoices = await DraftsAsync(app.Services, clientId, submissions);
                db.Reset();
                calls.Reset();
                // The in-process writer gate's queue (SQLite only): how often and how long writers waited for each other.
                var gate = provider == "Sqlite" ? SqliteWriterGate.For(new SqliteConnection(connection)) : null;
                gate?.ResetStatistics();
                var posting = Stopwatch.StartNew();
                var submitted = new Dictionary<string, long>();
                foreach (var (id, number) in invoices)
                {
                    submitted[number] = Stopwatch.GetTimestamp();
                    await InScopeAsync(app.Services, sp => sp.GetRequiredService<ApprovalService>().SubmitAsync(id, Bench));
                }
                var submittedAll = Stopwatch.GetTimestamp();
                var numbers = invoices.Select(i => i.Number).ToList();
                Require(await Arrivals.AllAsync(arrivals.Posted, numbers, Patience), "every card posted");
                var roundCards = Since(submitted, arrivals.Posted);
                Console.WriteLine($"  round {round}: {CardPace.Describe(numbers, submitted, submittedAll, arrivals.Posted)}");
                if (profile)
                {
                    db.Print(posting.Elapsed, submissions);
                    calls.Print(submissions);
                }

                Console.WriteLine($"  round {round}: still queued when the clicks go: {await QueuedAsync(app.Services)}");
                var clicked = Stopwatch.GetTimestamp();
                var roundAcks = await Bursts.SendAtOnceAsync(http, numbers.Select(n => Signed(Click(n, arrivals.ApproveValues[n]))).ToList(),
                    (response, _) => Require(response.IsSuccessStatusCode, $"a click answered {(int)response.StatusCode}"));
                var clickedAt = numbers.ToDictionary(n => n, _ => clicked);
                Require(await Arrivals.AllAsync(arrivals.Updated, numbers, Patience), "every card updated");
                var roundUpdates = Since(clickedAt, arrivals.Updated);
                var roundEmails = hungMail ? [] : await EmailsAsync(arrivals, numbers, clickedAt);
                Console.WriteLine($"  round {round}: submit→card {Stats(roundCards)} | click ack {Stats(roundAcks)} | " +
                                  $"click→card updated {Stats(roundUpdates)}{(hungMail ? "" : $" | click→email {Stats(roundEmails)}")}");
                if (gate?.Statistics is { } g)
                    Console.WriteLine($"  round {round}: writer gate: {g.Entries} entries, {g.Waits} waited, {g.Waited.TotalMilliseconds:F0} ms in all, " +
                                      $"longest {g.LongestWait.TotalMilliseconds:F0} ms, {g.Overtakes} overtakes, {g.TimedOut} past MaxWait; " +
                                      string.Join(", ", g.ByPriority.Select(p => $"{p.Priority} {p.Waits} waited {p.Waited.TotalMilliseconds:F0} ms " +
                                                                                 $"(longest {p.LongestWait.TotalMilliseconds:F0})")));
                (cards, acks, updates, emails) = ([.. cards, .. roundCards], [.. acks, .. roundAcks], [.. updates, .. roundUpdates], [.. emails, .. roundEmails]);
            }
            Console.WriteLine($"all rounds: submit→card {Stats(cards)} | click ack {Stats(acks)} | click→card updated {Stats(updates)}" +
                              (hungMail ? "" : $" | click→email {Stats(emails)}"));
            await stopPoll.CancelAsync();
            await poll;
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(sqlitePath + suffix);
        }
    }

    private static async Task<double[]> EmailsAsync(Arrivals arrivals, List<string> numbers, Dictionary<string, long> clickedAt)
    {
        Require(await Arrivals.AllAsync(arrivals.Emailed, numbers, Patience), "every email accepted");
        return Since(clickedAt, arrivals.Emailed);
    }

    /// <summary>
    /// The outbox messages still pending by kind: what the click phase shares the lanes and the cores with (the approval
    /// request emails of the submissions, the PDFs in the cards' threads).
    /// </summary>
    private static Task<string> QueuedAsync(IServiceProvider services) => InScopeAsync(services, async sp =>
    {
        var pending = await sp.GetRequiredService<ChatBillingDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending).GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return pending.Count == 0 ? "nothing" : string.Join(", ", pending.OrderBy(p => p.Key).Select(p => $"{p.Count} {p.Key}"));
    });

    private static double[] Since(Dictionary<string, long> from, IReadOnlyDictionary<string, long> to) =>
        from.Select(f => Stopwatch.GetElapsedTime(f.Value, to[f.Key]).TotalMilliseconds).ToArray();

    private static string Stats(IReadOnlyCollection<double> ms) =>
        ms.Count == 0 ? "n/a" : $"p50 {Bursts.Percentile(ms, 50):F0} ms p99 {Bursts.Percentile(ms, 99):F0} ms";

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Expected {what} within {Patience}.");
    }

    /// <summary>The sends job's safety net: a drain of everything at the start of every wall-clock minute.</summary>
    private static async Task MinutePollAsync(OutboxDispatcher dispatcher, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var now = DateTimeOffset.UtcNow;
                await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond), ct);
                await dispatcher.DrainAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<WebApplication> StartAsync(string provider, string connection, string slackApi, int smtpPort,
        (Decisions.DbProbe Db, CallProbe Calls)? probes)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBilling"] = connection,
            ["Database:Provider"] = provider,
            ["Jobs:Schedule"] = "true",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlackApi.BotToken,
            ["Slack:ApiBaseUrl"] = slackApi,
            ["Slack:ApprovalChannel"] = Channel,
            ["Slack:PaceCalls"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = $"{smtpPort}",
            ["Smtp:UseTls"] = "false",
            ["Seller:Name"] = "Bench Ltd",
            ["Approvals:Approvers:0:Name"] = "Bench Approver",
            ["Approvals:Approvers:0:Email"] = "approver@example.com",
            ["Approvals:Approvers:0:SlackUserId"] = User,
            ["Approvals:Approvers:0:Roles:0"] = "approver",
        });
        builder.Services.AddChatBillingCore(builder.Configuration);
        builder.Services.AddSingleton<IDocumentLinks, PlainDocumentLinks>();
        builder.Services.AddSingleton<ICustomerLinks, NumberLinks>();
        if (probes is var (dbProbe, callProbe))
        {
            builder.Services.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(dbProbe, dbProbe.Transactions), ServiceLifetime.Singleton);
            builder.Services.ConfigureDbContext<PostgresChatBillingDb>(o => o.AddInterceptors(dbProbe, dbProbe.Transactions), ServiceLifetime.Singleton);
            builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(callProbe.Handler));
        }
        builder.AddSlack();
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

    /// <summary>Drafts of 2,500 EUR (above AutoApproveBelow, so each needs a click), created untimed.</summary>
    private static Task<List<(Guid Id, string Number)>> DraftsAsync(IServiceProvider services, Guid clientId, int count) =>
        InScopeAsync(services, async sp =>
        {
            var invoices = sp.GetRequiredService<InvoiceService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var drafts = new List<(Guid, string)>();
            for (var i = 0; i < count; i++)
            {
                var invoice = await invoices.CreateAsync(new InvoiceInput(clientId, "EUR", today, today.AddDays(30), null, null, null,
                    [new LineItemInput($"Consulting, item {i}", 1m, 2500m, 0.2m)]), Bench);
                drafts.Add((invoice.Id, invoice.Number));
            }
            return drafts;
        });

    private static string Click(string number, string approveValue) => "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new
    {
        type = "block_actions", trigger_id = $"t-{number}-{Guid.NewGuid():N}", user = new { id = User }, channel = new { id = Channel },
        container = new { type = "message", channel_id = Channel, message_ts = "1763802000.000001" },
        actions = new[] { new { action_id = "approve", block_id = "decision", type = "button", value = approveValue } },
        response_url = "https://hooks.slack.com/actions/T0/1/x",
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

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
