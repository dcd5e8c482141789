using System.Diagnostics;
using System.Net;
using ChatBilling.Tests.Cards;
using ChatBilling.Tests.Delivery;

namespace ChatBilling.Tests.Setup;

/// <summary>
/// The published host as an operator runs it: from a folder that is not its own, with nothing but its output. It
/// serves the console, keeps its SQLite file in the working directory, and its `check` command reports in words.
/// </summary>
public sealed class PublishedHostTests(PublishedHost published) : IClassFixture<PublishedHost>, IDisposable
{
    private string App => published.Folder;
    private readonly string workingDirectory = Directory.CreateTempSubdirectory("chatbilling-elsewhere-").FullName;

    public void Dispose() => Directory.Delete(workingDirectory, recursive: true);

    [Fact]
    public async Task Started_from_another_folder_it_serves_the_console_and_keeps_its_database_in_that_folder()
    {
        var port = SmtpSink.UnusedPort();
        using var host = Start(["--urls", $"http://127.0.0.1:{port}"]);
        try
        {
            await WaitForLineAsync(host, "Now listening on");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var console = await http.GetAsync("/console");
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
            Assert.Contains("<html", await console.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(Path.Combine(workingDirectory, "chatbilling.db")), "the SQLite default is in the working directory");
            Assert.False(File.Exists(Path.Combine(App, "chatbilling.db")));
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_build_output_started_from_another_folder_serves_the_console_from_the_project()
    {
        // bin/<configuration>/net10.0 holds no wwwroot; its static web assets manifest points at the project's.
        var built = Path.Combine(NodeTools.RepoRoot, "src", "ChatBilling.Host", "bin", PublishedHost.Configuration, "net10.0");
        var port = SmtpSink.UnusedPort();
        using var host = Start(built, ["--urls", $"http://127.0.0.1:{port}"]);
        try
        {
            await WaitForLineAsync(host, "Now listening on");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var console = await http.GetAsync("/console");
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
            Assert.Contains("<html", await console.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/console/console.css")).StatusCode);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_host_laid_out_without_its_console_files_says_so_in_a_page_and_keeps_serving_the_rest()
    {
        // A copy of the published app (hard links: no bytes copied) without its wwwroot.
        var bare = Path.Combine(workingDirectory, "bare");
        var (exit, output) = await RunAsync("cp", workingDirectory, ["-al", App, bare]);
        Assert.True(exit == 0, output);
        Directory.Delete(Path.Combine(bare, "wwwroot"), recursive: true);
        var port = SmtpSink.UnusedPort();
        using var host = Start(bare, ["--urls", $"http://127.0.0.1:{port}"]);
        try
        {
            await WaitForLineAsync(host, "Now listening on");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var console = await http.GetAsync("/console");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, console.StatusCode);
            Assert.Equal("text/html", console.Content.Headers.ContentType?.MediaType);
            var page = await console.Content.ReadAsStringAsync();
            Assert.Contains("The console is not installed on this server", page);
            Assert.DoesNotContain(bare, page);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Check_reports_each_setting_to_fix_and_exits_non_zero_without_changing_anything()
    {
        var (exit, output) = await RunAsync("dotnet", workingDirectory, [Path.Combine(App, "ChatBilling.Host.dll"), "check"], Environment);
        Assert.Equal(1, exit);
        Assert.Contains("[FAIL] Database: The Sqlite database does not answer", output);
        Assert.Contains("[skip] SMTP:", output);
        Assert.Contains("[FAIL] Seller: Set Seller:Name", output);
        Assert.Contains("[FAIL] Public address: PublicBaseUrl is empty", output);
        Assert.Contains("check(s) failed.", output);
        Assert.False(File.Exists(Path.Combine(workingDirectory, "chatbilling.db")), "the check creates no database");
    }

    private static readonly Dictionary<string, string> Environment = new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" };

    private Process Start(string[] args) => Start(App, args);

    private Process Start(string appFolder, string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(appFolder, "ChatBilling.Host.dll"), .. args])
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (k, v) in Environment) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the published host.");
    }

    private static async Task WaitForLineAsync(Process process, string text)
    {
        // Waiting for the host's own "listening" line replaces any guess of how long start-up takes.
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
            if (line.Contains(text, StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"The host exited before saying '{text}': {await process.StandardError.ReadToEndAsync()}");
    }

    internal static async Task<(int Exit, string Output)> RunAsync(string file, string directory, string[] args, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (k, v) in environment ?? []) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>The host's published output, laid out once for the tests of the class.</summary>
public sealed class PublishedHost : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("chatbilling-published-").FullName;

    public string Folder => Path.Combine(root, "app");

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public async Task InitializeAsync()
    {
        // The test run has built the host already; publishing without a build only lays out its output.
        var (exit, output) = await PublishedHostTests.RunAsync("dotnet", NodeTools.RepoRoot,
            ["publish", Path.Combine("src", "ChatBilling.Host"), "--no-build", "-c", Configuration, "-o", Folder]);
        Assert.True(exit == 0, $"dotnet publish failed:\n{output}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
