using System.Diagnostics;
using System.Security.Cryptography;
using ChatBilling.Core;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Delivery;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Bench.Delivery;

/// <summary>
/// How long the dispatcher takes to email N approved invoices (each with a ~30 KB PDF) over SMTP into a local
/// aiosmtpd server, on SQLite. Only the drain is timed; creating and approving the invoices is set-up.
/// </summary>
public static class DrainBench
{
    private static readonly Actor Bench = new("bench", "api");

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 1000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        var parallelism = args.Length > 2 ? int.Parse(args[2]) : 1;
        var pdf = RandomNumberGenerator.GetBytes(30 * 1024);
        var databasePath = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-{Guid.NewGuid():N}.db");
        await using var sink = await SmtpSink.StartAsync();
        try
        {
            await using var host = Host(databasePath, sink.Port, parallelism, pdf);
            await WithScopeAsync(host, async sp =>
            {
                var db = sp.GetRequiredService<ChatBillingDb>();
                await db.Database.EnsureCreatedAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            });
            var clientId = await WithScopeAsync(host, async sp => (await sp.GetRequiredService<ClientService>().CreateAsync(
                new ClientInput("Bench Client Ltd", "ap@client.example", "EUR", "en-GB", null, null, null))).Id);

            Console.WriteLine($"delivery: {messages} invoice emails with a {pdf.Length / 1024} KB PDF, SQLite, parallelism {parallelism}, {runs} runs");
            // An untimed warm-up, so the first timed run does not pay for JIT compilation and EF's model building.
            await ApproveAndEnqueueAsync(host, clientId, 100);
            await host.GetRequiredService<OutboxDispatcher>().DrainAsync();
            var timings = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                await ApproveAndEnqueueAsync(host, clientId, messages);
                var before = sink.ReceivedCount;
                var clock = Stopwatch.StartNew();
                var attempts = await host.GetRequiredService<OutboxDispatcher>().DrainAsync();
                clock.Stop();
                var received = sink.ReceivedCount - before;
                if (attempts != messages || received != messages)
                    throw new InvalidOperationException($"Run {run}: {attempts} attempts and {received} emails received, expected {messages}.");
                timings.Add(clock.Elapsed.TotalMilliseconds);
                Console.WriteLine($"  run {run}: {clock.Elapsed.TotalMilliseconds,8:F0} ms  {messages / clock.Elapsed.TotalSeconds,7:F0} messages/s");
            }
            var median = timings.Order().ElementAt(timings.Count / 2);
            Console.WriteLine($"median: {median:F0} ms for {messages} messages = {messages / (median / 1000):F0} messages/s");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(databasePath + suffix);
        }
    }

    private static ServiceProvider Host(string databasePath, int smtpPort, int parallelism, byte[] pdf)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBilling"] = $"Data Source={databasePath}",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = $"{smtpPort}",
            ["Smtp:UseTls"] = "false",
            ["Outbox:BatchSize"] = "50",
            ["Outbox:Parallelism"] = $"{parallelism}",
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddChatBillingCore(configuration)
            .AddSingleton<IInvoicePdfSource>(new FixedPdf(pdf))
            .AddSingleton<ICustomerLinks, NumberLinks>()
            .BuildServiceProvider();
    }

    /// <summary>Drafts, approves and queues the emails the way the approval step would, 100 invoices per save.</summary>
    private static async Task ApproveAndEnqueueAsync(IServiceProvider host, Guid clientId, int count)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var done = 0; done < count; done += 100)
        {
            var ids = new List<Guid>();
            await WithScopeAsync(host, async sp =>
            {
                var invoices = sp.GetRequiredService<InvoiceService>();
                for (var i = done; i < Math.Min(count, done + 100); i++)
                    ids.Add((await invoices.CreateAsync(new InvoiceInput(clientId, "EUR", today, today.AddDays(30), null, null, null,
                        [new LineItemInput($"Consulting, item {i}", 1m, 2500m, 0.2m)]), Bench)).Id);
            });
            await WithScopeAsync(host, async sp =>
            {
                var db = sp.GetRequiredService<ChatBillingDb>();
                var outbox = sp.GetRequiredService<OutboxWriter>();
                foreach (var invoice in await db.Invoices.Where(i => ids.Contains(i.Id)).ToListAsync())
                {
                    db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Bench, "approved", DateTimeOffset.UtcNow));
                    await outbox.EnqueueInvoiceEmailAsync(invoice);
                }
                await outbox.SaveChangesAsync();
            });
        }
    }

    private static async Task WithScopeAsync(IServiceProvider host, Func<IServiceProvider, Task> work)
    {
        await using var scope = host.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    private static async Task<T> WithScopeAsync<T>(IServiceProvider host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
