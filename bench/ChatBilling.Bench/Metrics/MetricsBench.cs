using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Metrics;
using ChatBilling.Core.Payments;
using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Bench.Metrics;

/// <summary>
/// Seeds a year of history (invoices submitted, approved, sent and mostly paid, with their audit lines and
/// payments) and times <c>GET /api/metrics</c>'s work: the arithmetic alone, and reading the facts from SQLite plus
/// the arithmetic, for the 30-day window of the Prometheus gauges and the 90-day window of the dashboard.
/// </summary>
public static class MetricsBench
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10_000];
        Console.WriteLine("| invoices | compute only, 90 days | read + compute, 30 days | read + compute, 90 days |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var size in sizes) await RunOneAsync(size);
        return 0;
    }

    private static async Task RunOneAsync(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        var clock = new FakeTimeProvider(Now);
        var digest = new Fixed<DigestSettings>(new DigestSettings { TimeZone = "Europe/Berlin" });
        try
        {
            await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
            await SeedAsync(options, size);

            MetricsFacts facts;
            await using (var db = new SqliteChatBillingDb(options))
                facts = await new MetricsService(db, clock, digest).ReadFactsAsync(Now.AddDays(-97), Now, CancellationToken.None);
            var zone = digest.CurrentValue.Zone;
            // A long warm-up: the first few dozen runs execute unoptimised (tier-0) code and would double the figure.
            var compute = await Measure.MedianAsync(() => Task.FromResult(MetricsCalculator.Compute(facts, Now, 90, zone)), 30, warmup: 60);
            async Task Full(int days)
            {
                await using var db = new SqliteChatBillingDb(options);
                await new MetricsService(db, clock, digest).ComputeAsync(days);
            }
            var full30 = await Measure.MedianAsync(() => Full(30), 15, warmup: 10);
            var full90 = await Measure.MedianAsync(() => Full(90), 15, warmup: 10);
            Console.WriteLine($"| {size:N0} | {Measure.Ms(compute)} | {Measure.Ms(full30)} | {Measure.Ms(full90)} |");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    /// <summary>Invoices spread over a year: each submitted, approved within two days, sent, and 80 % paid within 60 days.</summary>
    private static async Task SeedAsync(DbContextOptions<SqliteChatBillingDb> options, int size)
    {
        var random = new Random(42);
        List<Guid> clientIds;
        await using (var db = new SqliteChatBillingDb(options))
        {
            var clients = Enumerable.Range(0, 200).Select(i => new Client
            {
                Name = $"Client {i}", Email = $"ap{i}@example.com", Currency = i % 3 == 0 ? "USD" : "EUR", CreatedAt = Now,
            }).ToList();
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
            clientIds = clients.Select(c => c.Id).ToList();
        }
        const int batch = 2_000;
        for (var start = 0; start < size; start += batch)
        {
            await using var db = new SqliteChatBillingDb(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(size, start + batch); n++) Seed(db, n, clientIds[random.Next(clientIds.Count)], random);
            await db.SaveChangesAsync();
        }
    }

    private static void Seed(ChatBillingDb db, int n, Guid clientId, Random random)
    {
        var submitted = Now.AddDays(-random.Next(1, 365)).AddMinutes(-random.Next(0, 1440));
        var issued = DateOnly.FromDateTime(submitted.UtcDateTime);
        var invoice = new Invoice { Number = $"SEED-{n:D7}", CreatedBy = "seed", CreatedAt = submitted };
        invoice.SetContent(new ValidInvoice(clientId, n % 3 == 0 ? "USD" : "EUR", issued, issued.AddDays(30), null, issued.AddDays(-random.Next(0, 15)),
            null, [new ValidLine("Retainer", 1, 100 + random.Next(0, 10_000), 0.2m)],
            random.Next(4) == 0 ? issued.AddDays(random.Next(0, 5)) : null), submitted);
        db.Invoices.Add(invoice);
        var approved = submitted.AddHours(random.Next(1, 48));
        var sent = approved.AddHours(random.Next(0, 30));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.PendingApproval, Actor.System, "submitted", submitted));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", approved));
        if (sent > Now) return;
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", sent));
        var paidOn = DateOnly.FromDateTime(sent.UtcDateTime).AddDays(random.Next(5, 60));
        if (random.Next(10) < 2 || paidOn > DateOnly.FromDateTime(Now.UtcDateTime)) return;
        invoice.ReceivePayment(invoice.Total, sent);
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Paid, Actor.System, "paid", sent));
        db.Payments.Add(new Payment
        {
            InvoiceId = invoice.Id, InvoiceReference = invoice.Number, Amount = invoice.Total, Currency = invoice.Currency, PaidOn = paidOn,
            Reference = $"BANK-{n}", DedupKey = $"{invoice.Id:N}|BANK-{n}", Outcome = PaymentOutcome.Applied, RecordedAt = sent, RecordedBy = "seed",
        });
    }

    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
