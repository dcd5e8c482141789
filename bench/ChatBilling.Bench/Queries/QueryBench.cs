using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Bench.Queries;

/// <summary>
/// Seeds 10k and 100k invoices into a SQLite file and times the overdue and pending queries behind
/// "ask the bot" and the list API, and one invoice insert through the service (numbering included).
/// </summary>
public static class QueryBench
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10_000, 100_000];
        Console.WriteLine("| invoices | overdue page (50) | overdue count | pending page (50) | insert one invoice |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var size in sizes) await RunOneAsync(size);
        return 0;
    }

    private static async Task RunOneAsync(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        var clock = new FakeTimeProvider(Now);
        try
        {
            await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
            var clientId = await SeedAsync(options, size);

            await using var read = new SqliteChatBillingDb(options);
            var service = new InvoiceService(read, clock);
            var overduePage = await Measure.MedianAsync(() => service.ListAsync(new InvoiceQuery(Overdue: true)), 50);
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            var overdueCount = await Measure.MedianAsync(
                () => read.Invoices.CountAsync(i => i.Status == InvoiceStatus.Sent && i.DueDate < today), 50);
            var pendingPage = await Measure.MedianAsync(() => service.ListAsync(new InvoiceQuery(InvoiceStatus.PendingApproval)), 50);

            var input = new InvoiceInput(clientId, "EUR", new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), null, null, null,
                [new LineItemInput("Consulting", 10, 150, 0.2m)]);
            var insert = await Measure.MedianAsync(async () =>
            {
                await using var db = new SqliteChatBillingDb(options);
                await new InvoiceService(db, clock)
                    .CreateAsync(input, new Actor("bench", "api"));
            }, 200);
            Console.WriteLine($"| {size:N0} | {Measure.Ms(overduePage)} | {Measure.Ms(overdueCount)} | {Measure.Ms(pendingPage)} | {Measure.Ms(insert)} |");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    /// <summary>A realistic spread: most invoices paid, some sent and unpaid, a few pending or draft.</summary>
    internal static async Task<Guid> SeedAsync(DbContextOptions<SqliteChatBillingDb> options, int size)
    {
        var random = new Random(42);
        Guid clientId;
        await using (var db = new SqliteChatBillingDb(options))
        {
            var clients = Enumerable.Range(0, 200).Select(i => new Client
            {
                Name = $"Client {i}", Email = $"ap{i}@example.com", Currency = i % 3 == 0 ? "USD" : "EUR", CreatedAt = Now,
            }).ToList();
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
            clientId = clients[0].Id;
        }
        var clientIds = await LoadClientIdsAsync(options);
        const int batch = 5_000;
        for (var start = 0; start < size; start += batch)
        {
            await using var db = new SqliteChatBillingDb(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(size, start + batch); n++)
                db.Invoices.Add(SeededInvoice(n, clientIds[random.Next(clientIds.Count)], random));
            await db.SaveChangesAsync();
        }
        return clientId;
    }

    private static async Task<List<Guid>> LoadClientIdsAsync(DbContextOptions<SqliteChatBillingDb> options)
    {
        await using var db = new SqliteChatBillingDb(options);
        return await db.Clients.Select(c => c.Id).ToListAsync();
    }

    private static Invoice SeededInvoice(int n, Guid clientId, Random random)
    {
        var roll = random.Next(100);
        var path = roll switch
        {
            < 70 => new[] { InvoiceStatus.Approved, InvoiceStatus.Sent, InvoiceStatus.Paid },
            < 88 => [InvoiceStatus.Approved, InvoiceStatus.Sent],
            < 95 => [InvoiceStatus.PendingApproval],
            _ => [],
        };
        // Paid invoices span almost three years; open ones were issued in the last two months, so about half
        // of the sent-and-unpaid ones (30-day terms) are overdue.
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var issued = today.AddDays(-(roll < 70 ? random.Next(60, 1000) : random.Next(0, 60)));
        var invoice = new Invoice { Number = $"SEED-{n:D7}", CreatedBy = "seed", CreatedAt = Now };
        invoice.SetContent(new ValidInvoice(clientId, "EUR", issued, issued.AddDays(30), null, null, null,
            [new ValidLine("Retainer", 1, 100 + random.Next(0, 10_000), 0.2m)]), Now);
        foreach (var status in path) invoice.MoveTo(status, Actor.System, "seeded", Now);
        return invoice;
    }
}
