using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatBilling.Tests.Postgres;

/// <summary>
/// A private PostgreSQL cluster for the test run (Debian's `postgresql` package): initdb into a temp folder,
/// started on a free loopback port, removed at the end. Shared by the tests of the collection.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"chatbilling-pg-{Guid.NewGuid():N}");
    private string bin = "";
    private int port;
    private int databases;

    public async Task InitializeAsync()
    {
        bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed; .ci/run installs Debian's postgresql package.");
        port = FreePort();
        Directory.CreateDirectory(folder);
        if (RunsAsRoot) await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        await PgAsync("initdb", ["-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await PgAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
    }

    /// <summary>A connection string to a fresh, empty database of its own.</summary>
    public string NewDatabase() =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=chatbilling_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}";

    public async Task DisposeAsync()
    {
        await PgAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]);
        Directory.Delete(folder, recursive: true);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    // PostgreSQL refuses to run as root, so on CI (root) its tools run as the postgres user.
    private Task PgAsync(string tool, string[] args) => RunsAsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args])
        : RunAsync(Path.Combine(bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
