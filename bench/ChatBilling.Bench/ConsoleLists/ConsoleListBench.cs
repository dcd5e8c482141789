using System.Diagnostics;
using System.Net.Http.Json;
using ChatBilling.Bench.Queries;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Bench.ConsoleLists;

/// <summary>
/// The console's inbox and invoice-list APIs over HTTP against the real host (started as a child process in
/// Development, signed in through the picker) on a SQLite file seeded with N invoices (5 % waiting for approval,
/// each with an open step Dana may decide, so the inbox builds real request cards with their checks).
/// Target: each answers in under 50 ms at 10,000 invoices. A second host build (e.g. the one before a change) can be
/// passed as the third argument to compare the two in the same run.
/// </summary>
public static class ConsoleListBench
{
    private static readonly string[] Urls = ["/console/api/inbox", "/console/api/invoices", "/console/api/invoices?page=200",
        "/console/api/invoices?status=Sent&overdue=true", "/console/api/invoices?q=client%201&sort=total", "/console/api/aging"];

    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 30;
        // bench/ChatBilling.Bench/bin/<configuration>/net10.0/ → the repository root, then the host built the same way.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var configuration = Path.GetFileName(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..")).TrimEnd('/'));
        string[] hostDlls = args.Length > 2 ? [.. args[2..].Select(Path.GetFullPath)] : [Path.Combine(root, "src/ChatBilling.Host/bin", configuration, "net10.0/ChatBilling.Host.dll")];
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-console-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        try
        {
            await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
            await QueryBench.SeedAsync(options, size);
            await OpenStepsAsync(options);
            SqliteConnection.ClearAllPools();
            // Every host reads the same seeded file, one after the other, so their figures compare.
            var columns = new List<string[]>();
            foreach (var hostDll in hostDlls) columns.Add(await MeasureHostAsync(hostDll, path, iterations));
            Console.WriteLine($"| {size:N0} invoices, median of {iterations} | {string.Join(" | ", hostDlls.Select((_, n) => $"host {n + 1}"))} |");
            Console.WriteLine($"|---|{string.Concat(hostDlls.Select(_ => "---:|"))}");
            for (var u = 0; u < Urls.Length; u++) Console.WriteLine($"| GET {Urls[u]} | {string.Join(" | ", columns.Select(c => c[u]))} |");
            for (var n = 0; n < hostDlls.Length; n++) Console.WriteLine($"host {n + 1}: {hostDlls[n]}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    /// <summary>
    /// <c>console-seed [invoices=10000] &lt;path&gt;</c>: only seeds the file the bench measures, and keeps it, so a profiler
    /// or a Stopwatch breakdown can run one host against exactly the bench's data.
    /// </summary>
    public static async Task<int> SeedOnlyAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: console-seed <invoices> <path of the SQLite file to write>");
            return 2;
        }
        var path = Path.GetFullPath(args[1]);
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
        await QueryBench.SeedAsync(options, int.Parse(args[0]));
        await OpenStepsAsync(options);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"seeded {path}");
        return 0;
    }

    private static async Task<string[]> MeasureHostAsync(string hostDll, string path, int iterations)
    {
        var port = 5600 + Random.Shared.Next(300);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)! };
        foreach (var a in new[] { hostDll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        // Not Development: its service-provider validation refuses the Coravel job registration (a start-up bug reported
        // separately), and a benchmark should run the production pipeline anyway; the picker and Dana are set here instead.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Bench";
        start.Environment["Console__DevSignIn"] = "true";
        start.Environment["Approvals__Approvers__0__name"] = "Dana Approver";
        start.Environment["Approvals__Approvers__0__email"] = "dana@demo.chatbilling.local";
        start.Environment["Approvals__Approvers__0__roles__0"] = "approver";
        start.Environment["Approvals__Approvers__0__maxAmount"] = "50000";
        start.Environment["ConnectionStrings__ChatBilling"] = $"Data Source={path}";
        start.Environment["Jobs__Schedule"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var host = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        host.OutputDataReceived += (_, _) => { };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        host.ErrorDataReceived += (_, e) => { if (e.Data is { } line) errors.Enqueue(line); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-ChatBilling-Console", "1");
            for (var tries = 0; ; tries++)
            {
                try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) when (tries < 300 && !host.HasExited) { }
                catch (HttpRequestException) { throw new InvalidOperationException($"The host did not start: {string.Join('\n', errors)}"); }
                await Task.Delay(200);
            }
            (await http.PostAsJsonAsync("/console/api/sign-in", new { email = "dana@demo.chatbilling.local" })).EnsureSuccessStatusCode();
            var shown = new List<string>();
            foreach (var url in Urls)
                shown.Add(Measure.Ms(await Measure.MedianAsync(async () => (await http.GetAsync(url)).EnsureSuccessStatusCode(), iterations)));
            return [.. shown];
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    /// <summary>One open "approver" step per waiting invoice, as a submission makes it: without one the inbox shows outcome cards only.</summary>
    private static async Task OpenStepsAsync(DbContextOptions<SqliteChatBillingDb> options)
    {
        await using var db = new SqliteChatBillingDb(options);
        var opened = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        var waiting = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.PendingApproval).Select(i => i.Id).ToListAsync();
        foreach (var id in waiting)
        {
            var step = new ApprovalStep { InvoiceId = id, Round = 1, Sequence = 1, StepCount = 1, Role = "approver" };
            step.Open(opened);
            db.ApprovalSteps.Add(step);
        }
        await db.SaveChangesAsync();
    }
}
