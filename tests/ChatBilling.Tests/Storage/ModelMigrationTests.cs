using ChatBilling.Core.Storage;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Storage;

/// <summary>
/// The migrations describe the model exactly, on each provider: a change to an entity without its migration fails
/// here, not on an operator's first start.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ModelMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Sqlite_migrations_match_the_model() => await AssertNoPendingChangesAsync(new BillingApp());

    [Fact]
    public async Task Postgres_migrations_match_the_model() => await AssertNoPendingChangesAsync(BillingApp.OnPostgres(postgres.NewDatabase()));

    private static async Task AssertNoPendingChangesAsync(BillingApp app)
    {
        using (app)
        {
            app.Http();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration describes: add one (README: Schema changes).");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
    }
}
