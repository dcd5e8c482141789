using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatBilling.Core.Storage;

public static class StoreRegistration
{
    public const string DefaultConnectionString = "Data Source=chatbilling.db";

    /// <summary>
    /// Registers <see cref="ChatBillingDb"/> on the provider named by <c>Database:Provider</c>. The options are built once
    /// (a singleton) rather than per scope: every request and outbox message would otherwise run the configuration again.
    /// Their interceptors are stateless or keep their state per context, and anything adding to them
    /// (<c>ConfigureDbContext</c>) must register as a singleton too.
    /// </summary>
    public static IServiceCollection AddChatBillingStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("ChatBilling") ?? DefaultConnectionString;
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<ChatBillingDb, SqliteChatBillingDb>(o => o.UseSqlite(connectionString)
                .AddInterceptors(new SqliteBusyTimeout(), new SqliteWriterGateInterceptor()), optionsLifetime: ServiceLifetime.Singleton);
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            services.AddDbContext<ChatBillingDb, PostgresChatBillingDb>(o => o.UseNpgsql(NpgsqlDefaults.Apply(connectionString)),
                optionsLifetime: ServiceLifetime.Singleton);
        else
            throw new InvalidOperationException($"Database:Provider is '{provider}'; use Sqlite or Postgres.");
        return services;
    }

    /// <summary>Any fixed number, the same on every host: the key of the advisory lock migrations run under.</summary>
    private const long MigrationLockKey = 0x43_68_61_74_42_69_6C_6C; // "ChatBill"

    /// <summary>Creates or migrates the schema; on SQLite also turns on write-ahead logging so readers never block the writer.</summary>
    public static async Task MigrateAsync(this ChatBillingDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder) Directory.CreateDirectory(folder);
        }
        if (db.Database.IsNpgsql())
            await MigrateUnderAdvisoryLockAsync(db, cancellationToken);
        else
            await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Several hosts starting at once on one PostgreSQL database migrate one after the other: each waits for the
    /// session-level advisory lock (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS),
    /// then finds the migrations the first one applied already in the history and has nothing left to do.
    /// </summary>
    private static async Task MigrateUnderAdvisoryLockAsync(ChatBillingDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        // The lock lives inside the database, so the database must exist first; two hosts creating it at once is harmless.
        if (!await creator.ExistsAsync(ct))
        {
            try { await creator.CreateAsync(ct); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation) { }
        }
        // Opened here, the one connection stays open for the lock, the migration and the unlock.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
