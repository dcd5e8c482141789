using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChatBilling.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel over loopback HTTP, with its own SQLite file and a fake clock.
/// Settings are given before the first client is made.
/// </summary>
public sealed class BillingApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private readonly string provider;
    private readonly string? ownedSqliteFile;

    /// <summary>A host with a SQLite database of its own.</summary>
    public BillingApp()
    {
        ownedSqliteFile = Path.Combine(Path.GetTempPath(), $"chatbilling-test-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={ownedSqliteFile}";
        provider = "Sqlite";
    }

    private BillingApp(string connectionString, string provider)
    {
        ConnectionString = connectionString;
        this.provider = provider;
    }

    /// <summary>A second host on the first one's database, as two machines sharing one store.</summary>
    public static BillingApp SharingDatabaseWith(BillingApp other) => new(other.ConnectionString, other.provider);

    public static BillingApp OnPostgres(string connectionString) => new(connectionString, "Postgres");

    public string ConnectionString { get; }
    private readonly Dictionary<string, string?> settings = new();
    private bool started;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Where emails land as .eml files when no SMTP host is configured.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"chatbilling-mail-{Guid.NewGuid():N}");

    public BillingApp With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> extraServices = [];
    private string environment = "Testing";

    /// <summary>Runs the host in another environment (Development validates every registration at build, as <c>dotnet run</c> does).</summary>
    public BillingApp InEnvironment(string name)
    {
        environment = name;
        return this;
    }

    /// <summary>Adds services to the host (test doubles of outside systems), before the first client is made.</summary>
    public BillingApp WithServices(Action<IServiceCollection> configure)
    {
        extraServices.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:ChatBilling", ConnectionString);
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Jobs:Schedule", "false");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in extraServices) configure(services);
        });
    }

    /// <summary>An HTTP client talking to the host over a real loopback socket.</summary>
    public HttpClient Http(string? apiKey = null)
    {
        if (!started)
        {
            UseKestrel(0);
            StartServer();
            started = true;
        }
        var client = CreateClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    /// <summary>Runs something against the store directly, for arranging states the API cannot reach yet and for checking rows.</summary>
    public async Task<T> WithDbAsync<T>(Func<ChatBillingDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ChatBillingDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        // Each PostgreSQL test app has a database (so a pool) of its own; idle pooled connections would otherwise stay open
        // for Npgsql's 300 s idle lifetime and add up to the test server's max_connections over the collection.
        NpgsqlConnection.ClearAllPools();
        if (ownedSqliteFile is not null) foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(ownedSqliteFile + suffix);
        if (Directory.Exists(MailFolder)) Directory.Delete(MailFolder, recursive: true);
    }
}
