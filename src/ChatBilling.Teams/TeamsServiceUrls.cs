using ChatBilling.Core.Channels;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams;

/// <summary>
/// Where proactive posts go: <c>Teams:ServiceUrl</c> when set, else the service URL of the conversation Teams
/// most recently told us about (installation), which is the region the tenant's Teams lives in.
/// </summary>
internal sealed class TeamsServiceUrls(IOptionsMonitor<TeamsSettings> settings, ChatConversations conversations)
{
    public const string Channel = "teams";

    public async Task<string> ResolveAsync(CancellationToken ct)
    {
        if (settings.CurrentValue.ServiceUrl is { Length: > 0 } configured) return configured;
        var latest = (await conversations.ActiveAsync(Channel, ct)).FirstOrDefault(c => !string.IsNullOrEmpty(c.Endpoint));
        return latest?.Endpoint ?? throw new InvalidOperationException(
            "No Teams service URL yet: set Teams:ServiceUrl, or install the app in a team so Teams sends us one.");
    }
}
