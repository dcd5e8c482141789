using ChatBilling.Core.Storage;

namespace ChatBilling.Host.Storage;

public static class StoreStartup
{
    /// <summary>Creates or migrates the schema at start-up, so a fresh machine needs no manual step.</summary>
    public static async Task MigrateStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatBillingDb>().MigrateAsync(app.Lifetime.ApplicationStopping);
    }
}
