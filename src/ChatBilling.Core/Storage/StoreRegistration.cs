using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Storage;

public static class StoreRegistration
{
    public const string DefaultConnectionString = "Data Source=chatbilling.db";

    /// <summary>Registers <see cref="ChatBillingDb"/> on the provider named by <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddChatBillingStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("ChatBilling") ?? DefaultConnectionString;
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<ChatBillingDb, SqliteChatBillingDb>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<ChatBillingDb, PostgresChatBillingDb>(o => o.UseNpgsql(connectionString));
        else
            throw new InvalidOperationException($"Database:Provider is '{provider}'; use Sqlite or Postgres.");
        return services;
    }

    /// <summary>Creates or migrates the schema; on SQLite also turns on write-ahead logging so readers never block the writer.</summary>
    public static async Task MigrateAsync(this ChatBillingDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder) Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
