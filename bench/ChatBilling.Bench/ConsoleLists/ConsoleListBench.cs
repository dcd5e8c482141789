using System.Diagnostics;
using System.Net.Http.Json;
using ChatBilling.Bench.Queries;
using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Bench.ConsoleLists;

/// <summary>
/// The console's inbox and invoice-list APIs over HTTP against the real host (started as a child process in
/// Development, signed in through the picker) on a SQLite file seeded with N invoices (5 % waiting for approval).
/// Target: each answers in under 50 ms at 10,000 invoices.
/// </summary>
public static class ConsoleListBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 30;
        // bench/ChatBilling.Bench/bin/<configuration>/net10.0/ → the repository root, then the host built the same way.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var configuration = Path.GetFileName(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..")).TrimEnd('/'));
        var hostDll = args.Length > 2 ? args[2] : Path.Combine(root, "src/ChatBilling.Host/bin", configuration, "net10.0/ChatBilling.Host.dll");
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-console-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteChatBillingDb(options)) await db.MigrateAsync();
        await QueryBench.SeedAsync(options, size);
        SqliteConnection.ClearAllPools();

        var port = 5600 + Random.Shared.Next(300);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)! };
        foreach (var a in new[] { hostDll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__ChatBilling"] = $"Data Source={path}";
        start.Environment["Jobs__Schedule"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var host = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-ChatBilling-Console", "1");
            for (var tries = 0; ; tries++)
            {
                try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) when (tries < 100) { }
                await Task.Delay(200);
            }
            (await http.PostAsJsonAsync("/console/api/sign-in", new { email = "dana@demo.chatbilling.local" })).EnsureSuccessStatusCode();
            async Task<TimeSpan> Time(string url) => await Measure.MedianAsync(async () => (await http.GetAsync(url)).EnsureSuccessStatusCode(), iterations);

            Console.WriteLine($"| {size:N0} invoices, median of {iterations} | ms |");
            Console.WriteLine("|---|---:|");
            foreach (var url in new[] { "/console/api/inbox", "/console/api/invoices", "/console/api/invoices?page=200",
                         "/console/api/invoices?status=Sent&overdue=true", "/console/api/invoices?q=client%201&sort=total", "/console/api/aging" })
                Console.WriteLine($"| GET {url} | {Measure.Ms(await Time(url))} |");
            return 0;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }
}
