using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Setup;

/// <summary>The database answers and has every migration this build knows (the check never migrates).</summary>
public sealed class DatabaseCheck(ChatBillingDb db) : ISetupCheck
{
    public string Name => "Database";

    public async Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var provider = db.Database.ProviderName?.Split('.').Last() ?? "database";
        if (!await db.Database.CanConnectAsync(ct))
            return SetupCheckResult.Fail(Name, $"The {provider} database does not answer or does not exist yet: check ConnectionStrings:ChatBilling and Database:Provider (the host creates and migrates it when it starts).");
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0
            ? SetupCheckResult.Pass(Name, $"{provider} answers and is migrated.")
            : SetupCheckResult.Fail(Name, $"{provider} answers but lacks {pending.Count} migration(s) ({pending[^1]}); start the host once to migrate it.");
    }
}
