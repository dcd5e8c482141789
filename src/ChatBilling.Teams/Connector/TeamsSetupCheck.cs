using ChatBilling.Core.Setup;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams.Connector;

/// <summary>
/// The app id and secret get a Bot Connector token from the configured token endpoint (the client-credentials
/// grant every outbound call starts with), and proactive cards have somewhere to go.
/// </summary>
internal sealed class TeamsSetupCheck(BotTokens tokens, IOptions<TeamsSettings> options) : ISetupCheck
{
    public string Name => "Teams";

    public async Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            await tokens.GetAsync(ct);
        }
        catch (HttpRequestException e)
        {
            return SetupCheckResult.Fail(Name,
                $"{settings.EffectiveTokenEndpoint} gave no token ({e.Message}): check Teams:AppId, Teams:AppPassword and Teams:TenantId.");
        }
        if (string.IsNullOrWhiteSpace(settings.ApprovalChannelId))
            return SetupCheckResult.Fail(Name, "A token was issued, but Teams:ApprovalChannelId is empty: set it to the channel id (19:…@thread.tacv2) cards go to.");
        return SetupCheckResult.Pass(Name, $"A Bot Connector token was issued for {settings.AppId}; cards go to {settings.ApprovalChannelId}.");
    }
}
