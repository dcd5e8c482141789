using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatBilling.Core.Storage;

/// <summary>The embedded default. SQLite has no instant type that sorts, so instants are stored as UTC ticks.</summary>
public sealed class SqliteChatBillingDb(DbContextOptions<SqliteChatBillingDb> options) : ChatBillingDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        base.ConfigureConventions(conventions);
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>For several hosts on one database; instants map to <c>timestamptz</c> natively.</summary>
public sealed class PostgresChatBillingDb(DbContextOptions<PostgresChatBillingDb> options) : ChatBillingDb(options);

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

// Used only by `dotnet ef migrations add`; the running host configures the contexts in StoreRegistration.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteChatBillingDb>
{
    public SqliteChatBillingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatBillingDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresChatBillingDb>
{
    public PostgresChatBillingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatBillingDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
