using ChatBilling.Core;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Outbox;

/// <summary>
/// A fresh SQLite file and any number of "hosts" on it: separate service providers, each with its own DbContexts
/// and owner name, sharing one fake clock. The schema comes from the checked-in migrations, as in production.
/// </summary>
public sealed class OutboxStore : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"chatbilling-outbox-{Guid.NewGuid():N}.db");
    private readonly List<ServiceProvider> hosts = [];

    public FakeTimeProvider Clock { get; } = new(BillingApp.Start);

    public static readonly Actor Tester = new("tester", "api");

    /// <summary>Settings every host gets unless a test overrides them: short, round delays that are easy to step through.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Outbox:MaxAttempts"] = "4",
        ["Outbox:BaseDelay"] = "00:01:00",
        ["Outbox:MaxDelay"] = "00:10:00",
        ["Outbox:LeaseDuration"] = "00:05:00",
        ["Outbox:BatchSize"] = "10",
    };

    public async Task InitializeAsync()
    {
        await using var scope = Host("setup").CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        await db.MigrateAsync();
    }

    /// <summary>A host named <paramref name="owner"/>; <paramref name="configure"/> adds handlers and fakes.</summary>
    public ServiceProvider Host(string owner, Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(Defaults)
        {
            ["ConnectionStrings:ChatBilling"] = $"Data Source={databasePath}",
            ["Outbox:Owner"] = owner,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddChatBillingCore(configuration);
        // The web host provides the link features; these stand in for them in hosts built from Core alone.
        services.AddSingleton<ChatBilling.Core.Documents.IDocumentLinks, ChatBilling.Tests.Delivery.PlainDocumentLinks>();
        services.AddSingleton<ChatBilling.Core.Delivery.ICustomerLinks, ChatBilling.Tests.Delivery.NumberLinks>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        hosts.Add(provider);
        return provider;
    }

    public static async Task<T> InScopeAsync<T>(IServiceProvider host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public static Task<T> WithDbAsync<T>(IServiceProvider host, Func<ChatBillingDb, Task<T>> work) =>
        InScopeAsync(host, sp => work(sp.GetRequiredService<ChatBillingDb>()));

    /// <summary>A client and a Draft invoice of 500 EUR + 20 % tax, through the real services.</summary>
    public static Task<Invoice> DraftInvoiceAsync(IServiceProvider host, string clientName = "Acme Ltd") =>
        InScopeAsync(host, async sp =>
        {
            var client = await sp.GetRequiredService<ClientService>().CreateAsync(
                new ClientInput(clientName, "billing@acme.example", "EUR", "en-GB", null, null, null));
            return await sp.GetRequiredService<InvoiceService>().CreateAsync(new InvoiceInput(client.Id, "EUR",
                new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), null, null, null,
                [new LineItemInput("Consulting", 1m, 500m, 0.2m)]), Tester);
        });

    public async Task DisposeAsync()
    {
        foreach (var host in hosts) await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(databasePath + suffix);
    }
}
