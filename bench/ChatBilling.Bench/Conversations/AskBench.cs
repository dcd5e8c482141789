using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Bench.Conversations;

/// <summary>
/// Parse + answer for typical ask-the-bot questions over a SQLite file of 100,000 invoices (most paid, some sent and
/// unpaid, some waiting for approval), each on a fresh DbContext as a request would be, first with the old (Status, DueDate)
/// index and then with the covering one. Target: under 20 ms median.
/// </summary>
public static class AskBench
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Questions =
    [
        "what's overdue?", "pending over 10k", "unpaid due this month over 1k", "how much does lukasiewicz owe",
        "paid last month", "status SEED-0050000", "my approvals", "overdue more than 30 days over €5k", "sent this week", "pending 10k", "status INV-1999-0001",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 15;
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-ask-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        var clock = new FakeTimeProvider(Now);
        var settings = new Fixed<ApprovalSettings>(new ApprovalSettings
        {
            Approvers = [new ApproverSettings { Name = "Dana Approver", Email = "dana@example.com", Roles = ["approver"] }],
        });
        try
        {
            await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
            await SeedAsync(options, size);
            // Before and after in one run, on one file: the same questions with only the old (Status, DueDate) index, then
            // with the covering index the migrations create.
            await IndexAsync(options, $"DROP INDEX \"{CoveringIndex}\"; CREATE INDEX \"{OldIndex}\" ON \"Invoices\" (\"Status\", \"DueDate\"); ANALYZE;");
            var before = await QuestionsAsync(options, clock, settings, iterations);
            await IndexAsync(options, $"DROP INDEX \"{OldIndex}\"; CREATE INDEX \"{CoveringIndex}\" ON \"Invoices\" " +
                "(\"Status\", \"DueDate\", \"ClientId\", \"Currency\", \"Total\", \"AmountPaid\", \"Number\", \"Id\"); ANALYZE;");
            var after = await QuestionsAsync(options, clock, settings, iterations);
            Console.WriteLine($"| question ({size:N0} invoices) | (Status, DueDate) | covering | items |");
            Console.WriteLine("|---|---:|---:|---:|");
            for (var q = 0; q < Questions.Length; q++)
                Console.WriteLine($"| {Questions[q]} | {Measure.Ms(before[q].Median)} | {Measure.Ms(after[q].Median)} | {after[q].Items:N0} |");
            Console.WriteLine($"| **median of the questions' medians** | {MedianOf(before):0.000} ms | {MedianOf(after):0.000} ms | |");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    private const string OldIndex = "IX_Invoices_Status_DueDate";
    private const string CoveringIndex = "IX_Invoices_Status_DueDate_ClientId_Currency_Total_AmountPaid_Number_Id";

    private static async Task IndexAsync(DbContextOptions<SqliteChatBillingDb> options, string sql)
    {
        await using var db = new SqliteChatBillingDb(options);
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static double MedianOf(List<(TimeSpan Median, int Items)> results)
    {
        var sorted = results.Select(r => r.Median.TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<List<(TimeSpan Median, int Items)>> QuestionsAsync(
        DbContextOptions<SqliteChatBillingDb> options, FakeTimeProvider clock, Fixed<ApprovalSettings> settings, int iterations)
    {
        var results = new List<(TimeSpan, int)>();
        foreach (var question in Questions)
        {
            var total = 0;
            var median = await Measure.MedianAsync(async () =>
            {
                await using var db = new SqliteChatBillingDb(options);
                var bot = new BotAnswers(db, clock, new ApproverDirectory(settings), settings, new Links(), new CustomerLinkTokens(db, clock),
                    new Core.Delegation.Delegations(db, clock, new Core.Delegation.TodaysDelegations(clock)));
                var answer = await bot.AnswerAsync(question, new BotAsker("dana@example.com", "Dana Approver"));
                total = answer.Card is Core.Cards.InvoiceListCard list ? list.Items.Total : 1;
            }, iterations);
            results.Add((median, total));
        }
        return results;
    }

    private static async Task SeedAsync(DbContextOptions<SqliteChatBillingDb> options, int size)
    {
        var random = new Random(42);
        List<Guid> clientIds;
        await using (var db = new SqliteChatBillingDb(options))
        {
            var clients = Enumerable.Range(0, 200).Select(i => new Client
            {
                Name = i == 0 ? "Łukasiewicz Sp. z o.o." : $"Client {i}", Email = $"ap{i}@example.com", Currency = i % 3 == 0 ? "USD" : "EUR",
                CreatedAt = Now,
            }).ToList();
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
            clientIds = clients.Select(c => c.Id).ToList();
        }
        const int batch = 5_000;
        for (var start = 0; start < size; start += batch)
        {
            await using var db = new SqliteChatBillingDb(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(size, start + batch); n++) Seed(db, n, clientIds[random.Next(clientIds.Count)], random);
            await db.SaveChangesAsync();
        }
    }

    // 70 % paid over almost three years, 18 % sent and unpaid (about half overdue), 7 % waiting for approval, 5 % draft.
    private static void Seed(SqliteChatBillingDb db, int n, Guid clientId, Random random)
    {
        var roll = random.Next(100);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var issued = today.AddDays(-(roll < 70 ? random.Next(60, 1000) : random.Next(0, 60)));
        var at = new DateTimeOffset(issued.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(9);
        var invoice = new Invoice { Number = $"SEED-{n:D7}", CreatedBy = "seed", CreatedAt = at };
        invoice.SetContent(new ValidInvoice(clientId, "EUR", issued, issued.AddDays(30), null, null, null,
            [new ValidLine("Retainer", 1, 100 + random.Next(0, 20_000), 0.2m)]), at);
        db.Invoices.Add(invoice);
        if (roll >= 95) return;
        if (roll >= 88)
        {
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.PendingApproval, Actor.System, "submitted", at));
            var step = new ApprovalStep { InvoiceId = invoice.Id, Round = 1, Sequence = 1, StepCount = 1, Role = "approver" };
            step.Open(at);
            db.ApprovalSteps.Add(step);
            return;
        }
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, Actor.System, "approved", at));
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", at.AddHours(1)));
        if (roll < 70) db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Paid, Actor.System, "paid", at.AddDays(random.Next(5, 40))));
    }

    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    private sealed class Links : IDocumentLinks
    {
        public string PdfUrl(Guid invoiceId) => $"https://billing.example.com/d/{invoiceId:N}/invoice.pdf";

        public string PreviewUrl(Guid invoiceId) => $"https://billing.example.com/d/{invoiceId:N}/preview.png";
    }
}
