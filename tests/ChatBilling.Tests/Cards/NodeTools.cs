using System.Diagnostics;
using System.Text.Json;

namespace ChatBilling.Tests.Cards;

/// <summary>
/// Runs the repository's Node checks (tools/cards-check) from tests. Installs the pinned npm packages with
/// <c>npm ci</c> once when node_modules is missing or holds other versions, so a fresh clone only needs Node.
/// </summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs a program in the repository root and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // Both streams are drained concurrently; reading one to the end first can deadlock on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran longer than 5 minutes.");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Makes node_modules match package.json's exact pins, running <c>npm ci</c> at most once at a time.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (IsInstalled()) return;
            var (exitCode, output) = await RunAsync("npm", "ci", "--no-audit", "--no-fund");
            if (exitCode != 0 || !IsInstalled())
                throw new InvalidOperationException($"npm ci failed (exit {exitCode}) in {RepoRoot}:\n{output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    // package.json pins exact versions, so "installed" means each package's own package.json names that version.
    private static bool IsInstalled()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "package.json")));
        return manifest.RootElement.GetProperty("devDependencies").EnumerateObject().All(dependency =>
        {
            var installed = Path.Combine(RepoRoot, "node_modules", dependency.Name, "package.json");
            if (!File.Exists(installed)) return false;
            using var package = JsonDocument.Parse(File.ReadAllText(installed));
            return package.RootElement.GetProperty("version").GetString() == dependency.Value.GetString();
        });
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBilling.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No ChatBilling.sln above {AppContext.BaseDirectory}.");
    }
}
