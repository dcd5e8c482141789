using ChatBilling.Core.Storage;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatBilling.Tests.Postgres;

/// <summary>
/// The product's Npgsql defaults (server-side prepared statements) apply when the connection string says nothing, and
/// never override what the operator wrote, in whatever spelling Npgsql accepts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NpgsqlDefaultsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("Host=db;Username=app", NpgsqlDefaults.MaxAutoPrepare)]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=7", 7)]
    [InlineData("Host=db;Username=app;max auto prepare=300", 300)]
    public void Max_auto_prepare_is_defaulted_only_when_the_connection_string_does_not_name_it(string given, int expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(NpgsqlDefaults.Apply(given));

        Assert.Equal(expected, applied.MaxAutoPrepare);
        Assert.Equal(("db", "app"), (applied.Host, applied.Username));
    }

    [Fact]
    public async Task The_host_prepares_its_repeated_statements_on_the_server_by_default()
    {
        using var app = BillingApp.OnPostgres(postgres.NewDatabase());
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();

        var (setting, prepared) = await PreparedAfterRepeatsAsync(app, clientId);

        Assert.Equal(NpgsqlDefaults.MaxAutoPrepare, setting);
        Assert.True(prepared > 0, "The repeated read was not prepared on the server.");
    }

    [Fact]
    public async Task An_explicit_max_auto_prepare_of_zero_keeps_every_statement_unprepared()
    {
        using var app = BillingApp.OnPostgres($"{postgres.NewDatabase()};Max Auto Prepare=0");
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();

        var (setting, prepared) = await PreparedAfterRepeatsAsync(app, clientId);

        Assert.Equal((0, 0L), (setting, prepared));
    }

    /// <summary>
    /// Reads the client (created through the REST API) with the host's own registered context more often than Npgsql's
    /// threshold for preparing, then asks the server how many statements that session holds prepared: pg_prepared_statements
    /// is per session, so the reads and the count share one opened connection.
    /// </summary>
    private static async Task<(int Setting, long Prepared)> PreparedAfterRepeatsAsync(BillingApp app, string clientId)
    {
        var id = Guid.Parse(clientId);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 8; i++) Assert.Equal(1, await db.Clients.AsNoTracking().CountAsync(c => c.Id == id));
        var setting = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare;
        var prepared = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync();
        return (setting, prepared);
    }
}
