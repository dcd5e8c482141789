namespace ChatBilling.Teams;

/// <summary>Which Microsoft cloud the bot lives in (<c>Teams:Cloud</c>).</summary>
public enum TeamsCloudName
{
    Public,
    USGov,
    USGovDoD,
    China,
}

/// <summary>
/// The endpoints and names of one cloud, taken from the SDKs' constants:
/// botbuilder-dotnet <c>libraries/Microsoft.Bot.Connector/Authentication/AuthenticationConstants.cs</c> and
/// <c>GovernmentAuthenticationConstants.cs</c>, and Agents-for-net
/// <c>src/libraries/Core/Microsoft.Agents.Authentication/AuthenticationConstants.cs</c> (the China values, which
/// botbuilder-dotnet lacks). DoD Teams uses the US Government identity cloud and Bot Framework; only its Teams
/// service URL differs (Agents-for-net <c>TeamsProactiveServiceEndpoints.cs</c>: smba.infra.dod.teams.microsoft.us).
/// </summary>
/// <param name="BotFrameworkIssuer">The <c>iss</c> of tokens the Bot Framework channel signs with its own keys.</param>
/// <param name="BotOpenIdMetadataUrl">Where those keys are published (with their channel endorsements).</param>
/// <param name="EntraInstance">The Entra ID login host, ending in a slash: Entra-issued tokens' issuer and keys live under it.</param>
/// <param name="BotFrameworkScope">The scope the bot asks for when it calls the connector.</param>
/// <param name="DefaultTokenTenant">The tenant the bot's own token comes from when no <c>Teams:TenantId</c> is set (multi-tenant).</param>
/// <param name="ServiceTenants">
/// Tenants of the Bot Framework service itself, whose Entra-issued channel tokens Agents-for-net
/// <c>src/samples/Shared/AspNetExtensions.cs</c> accepts besides the bot's own tenant.
/// </param>
public sealed record TeamsCloud(
    string BotFrameworkIssuer, string BotOpenIdMetadataUrl, string EntraInstance, string BotFrameworkScope, string DefaultTokenTenant,
    IReadOnlyList<string> ServiceTenants)
{
    public static readonly TeamsCloud Public = new(
        "https://api.botframework.com",
        "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.com/",
        "https://api.botframework.com/.default",
        "botframework.com",
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "69e9b82d-4842-4902-8d1e-abc5b98a55e8"]);

    public static readonly TeamsCloud USGov = new(
        "https://api.botframework.us",
        "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.us/",
        "https://api.botframework.us/.default",
        "MicrosoftServices.onmicrosoft.us",
        ["cab8a31a-1906-4287-a0d8-4eef66b95f6e"]);

    public static readonly TeamsCloud China = new(
        "https://api.botframework.azure.cn",
        "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
        "https://login.partner.microsoftonline.cn/",
        "https://api.botframework.azure.cn/.default",
        // No China token tenant is named by the SDKs for multi-tenant bots: set Teams:TenantId (single-tenant) there.
        "a55a4d5b-9241-49b1-b4ff-befa8db00269",
        ["a55a4d5b-9241-49b1-b4ff-befa8db00269"]);

    public static TeamsCloud Of(TeamsCloudName name) => name switch
    {
        TeamsCloudName.USGov or TeamsCloudName.USGovDoD => USGov,
        TeamsCloudName.China => China,
        _ => Public,
    };
}
