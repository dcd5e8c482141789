using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;

namespace ChatBilling.Tests.Integrity;

/// <summary>Makes hosts on one provider, so each integrity test class runs once on SQLite and once on PostgreSQL.</summary>
public interface IProviderApps
{
    string Name { get; }
    BillingApp NewApp();
}

public sealed class SqliteApps : IProviderApps
{
    public string Name => "Sqlite";
    public BillingApp NewApp() => new();
}

public sealed class PostgresApps(PostgresServer server) : IProviderApps
{
    public string Name => "Postgres";
    public BillingApp NewApp() => BillingApp.OnPostgres(server.NewDatabase());
}
