using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Tests.Teams;

/// <summary>The channel tokens of <see cref="FakeBotPlatform"/>, signed by its published keys unless told otherwise.</summary>
public sealed partial class FakeBotPlatform
{
    /// <summary>A token like the Bot Framework's: its issuer, a <c>serviceurl</c> claim, signed by the endorsed key.</summary>
    public string Token(DateTimeOffset now, string audience = TeamsHost.AppId, string issuer = Issuer, string? serviceUrl = null,
        string kid = Kid, RSA? signWith = null, TimeSpan? expiresIn = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Sign(now, audience, issuer, kid, signWith ?? Rsa, expiresIn, algorithm, new() { ["serviceurl"] = serviceUrl ?? ServiceUrl });

    /// <summary>
    /// A token like the ones Entra ID issues for Azure Bot Service channels to a single-tenant bot: issuer
    /// <c>https://login.microsoftonline.com/{tenant}/v2.0</c> (or the v1 <c>https://sts.windows.net/{tenant}/</c>), a
    /// <c>tid</c>, signed by the tenant's key; no endorsements, and a <c>serviceurl</c> only when asked for.
    /// </summary>
    public string EntraToken(DateTimeOffset now, string audience = TeamsHost.AppId, string tenant = TeamsHost.TenantId, bool v1 = false,
        string? serviceUrl = null, RSA? signWith = null, TimeSpan? expiresIn = null)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenant, ["ver"] = v1 ? "1.0" : "2.0" };
        if (serviceUrl is not null) claims["serviceurl"] = serviceUrl;
        var issuer = v1 ? $"https://sts.windows.net/{tenant}/" : $"https://login.microsoftonline.com/{tenant}/v2.0";
        return Sign(now, audience, issuer, EntraKid, signWith ?? EntraRsa, expiresIn, SecurityAlgorithms.RsaSha256, claims);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims everything a real one would.</summary>
    public string UnsignedToken(DateTimeOffset now) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
        new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = TeamsHost.AppId, Expires = (now + TimeSpan.FromMinutes(30)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
        });

    private static string Sign(DateTimeOffset now, string audience, string issuer, string kid, RSA rsa, TimeSpan? expiresIn, string algorithm,
        Dictionary<string, object> claims)
    {
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(30));
        var key = new RsaSecurityKey(rsa) { KeyId = kid };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience,
            IssuedAt = (expires - TimeSpan.FromMinutes(40)).UtcDateTime,
            NotBefore = (expires - TimeSpan.FromMinutes(40)).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
