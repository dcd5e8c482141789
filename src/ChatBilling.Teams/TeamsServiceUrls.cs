using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams;

/// <summary>
/// Where proactive posts go: <c>Teams:ServiceUrl</c> when set, else the service URL of the conversation Teams
/// most recently told us about (installation) in an allowed tenant, which is the region the tenant's Teams lives in.
/// An installation in a tenant <c>Teams:AllowedTenants</c> does not list (or one stored before tenants were) gets nothing.
/// </summary>
internal sealed class TeamsServiceUrls(IOptionsMonitor<TeamsSettings> settings, ChatConversations conversations)
{
    public const string Channel = "teams";

    public async Task<string> ResolveAsync(CancellationToken ct)
    {
        if (settings.CurrentValue.ServiceUrl is { Length: > 0 } configured) return configured;
        var s = settings.CurrentValue;
        var latest = (await conversations.ActiveAsync(Channel, ct))
            .FirstOrDefault(c => !string.IsNullOrEmpty(c.Endpoint) && s.AllowsTenant(c.TenantId));
        return latest?.Endpoint ?? throw new InvalidOperationException(
            "No Teams service URL yet: set Teams:ServiceUrl, or install the app in a team of an allowed tenant (Teams:AllowedTenants) so Teams sends us one.");
    }

    /// <summary>Refuses a post into a conversation we know to belong to a tenant that is not allowed (any longer).</summary>
    public async Task EnsureAllowedAsync(string conversationId, CancellationToken ct)
    {
        if (await conversations.FindAsync(Channel, conversationId, ct) is { TenantId: { Length: > 0 } tenant } && !settings.CurrentValue.AllowsTenant(tenant))
            throw new OutboxGiveUpException($"Teams conversation {conversationId} belongs to tenant {tenant}, which Teams:AllowedTenants does not list.");
    }
}
