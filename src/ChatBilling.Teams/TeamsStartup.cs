using Microsoft.Extensions.Logging;

namespace ChatBilling.Teams;

/// <summary>What start-up refuses or says about the Teams settings, before the first activity shows it the hard way.</summary>
internal static class TeamsStartup
{
    /// <summary>
    /// A single-tenant bot (Azure's only choice for new bots since mid-2025, and <c>Teams:AppType</c>'s default) gets
    /// its token from its own tenant and receives Entra tokens issued there: without <c>Teams:TenantId</c> every
    /// token request fails with AADSTS700016 and every Entra-issued activity is refused, so start-up refuses instead.
    /// </summary>
    public static void Check(TeamsSettings settings)
    {
        if (settings.AppType == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(settings.TenantId))
            throw new InvalidOperationException(
                "Teams:TenantId is empty, but Teams:AppType is SingleTenant (the default, and the only kind Azure creates today): " +
                "set Teams:TenantId to the Entra tenant id of the bot's app registration, or set Teams:AppType to MultiTenant for an older multi-tenant bot.");
    }

    public static void Report(TeamsSettings settings, string? publicBaseUrl, ILogger log)
    {
        if (!TeamsCards.TeamsCanFetch(publicBaseUrl))
            log.LogWarning(
                "PublicBaseUrl is {Url}, not a public https address: Teams loads card images itself over https only, so approval cards go " +
                "without their preview image (the Open PDF action stays).", string.IsNullOrWhiteSpace(publicBaseUrl) ? "(not set)" : publicBaseUrl);
        if (settings.EffectiveAllowedTenants.Count == 0)
            log.LogWarning("Teams:AllowedTenants and Teams:TenantId are empty: every Teams activity is refused. List the tenants to serve, or \"*\" for all.");
    }
}
