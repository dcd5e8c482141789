using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Teams.Auth;

/// <summary>Why an inbound request was refused: 401 (who are you?), 403 (not for this activity) or 503 (cannot check yet).</summary>
internal sealed record AuthFailure(int StatusCode, string Reason);

/// <summary>Which authority issued a channel token: the Bot Framework with its own keys, or Entra ID.</summary>
internal enum TokenFamily
{
    BotFramework,
    Entra,
}

/// <summary>A validated channel token, the family it belongs to and the key that signed it.</summary>
internal sealed record ChannelToken(JsonWebToken Token, TokenFamily Family, ChannelSigningKey Key);

/// <summary>
/// Checks the Bearer JWT on every activity the channel sends us, in the two families the current SDKs accept:
/// <list type="bullet">
/// <item>Bot Framework tokens (issuer <c>https://api.botframework.com</c> or the cloud's), signed by a key from
/// <c>Teams:OpenIdMetadataUrl</c> endorsed for the activity's channel, with a <c>serviceurl</c> claim equal to the
/// activity's (botbuilder-dotnet <c>ChannelValidation.cs</c>, <c>EndorsementsValidator.cs</c>).</item>
/// <item>Entra-issued tokens (Azure Bot Service is moving channels to them; single-tenant bots get them), issued by
/// <c>{instance}{tenant}/v2.0</c> or <c>https://sts.windows.net/{tenant}/</c> for our tenant (teams.net
/// <c>JwtExtensions.ValidateTeamsIssuer</c>) or the Bot Framework service's own tenants (Agents-for-net
/// <c>AspNetExtensions.cs</c>), keys from <c>Teams:EntraOpenIdMetadataUrl</c>.</item>
/// </list>
/// Both: RS256 only, audience <c>{AppId}</c>, <c>api://{AppId}</c> or <c>api://botid-{AppId}</c> (teams.net
/// <c>ValidAudiences</c>, the fix of teams.net #483 for single-tenant bots), within the lifetime with 5 minutes of
/// skew on the product's clock. Anything else is refused before the body is read.
/// </summary>
internal sealed class BotRequestAuthenticator(SigningKeySources keys, IOptionsMonitor<TeamsSettings> settings, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>Checks the token alone (before the body is read); returns the validated token or a failure.</summary>
    public async Task<(ChannelToken? Token, AuthFailure? Failure)> ValidateTokenAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, new(401, "A Bearer token is required."));
        var raw = authorization["Bearer ".Length..].Trim();
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, new(401, "The token is not a JWT."));
        }
        var s = settings.CurrentValue;
        if (parsed.Alg != SecurityAlgorithms.RsaSha256) return (null, new(401, "The token is not signed with RS256."));
        if (FamilyOf(parsed, s) is not { } family) return (null, new(401, "The token's issuer is not one the channel uses."));

        var metadataUrl = family == TokenFamily.BotFramework ? s.EffectiveOpenIdMetadataUrl : s.EffectiveEntraOpenIdMetadataUrl;
        ChannelSigningKey? key;
        try
        {
            key = await keys.FindAsync(metadataUrl, parsed.Kid, ct);
        }
        catch (SigningKeysUnavailableException)
        {
            return (null, new(503, "The channel's signing keys cannot be read yet; try again shortly."));
        }
        if (key is null) return (null, new(401, "The token is signed by an unknown key."));

        var result = await handler.ValidateTokenAsync(raw, Parameters(key.Key, parsed.Issuer, s));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
            return (null, new(401, $"The token is not valid: {result.Exception?.GetType().Name}."));
        keys.Validated(metadataUrl);
        return (new ChannelToken(token, family, key), null);
    }

    /// <summary>
    /// Checks what binds the token to this activity: the key's endorsements for its channel (Bot Framework keys carry
    /// them) and the service URL (Bot Framework tokens always carry <c>serviceurl</c>; an Entra token is held to it when it does).
    /// </summary>
    public static AuthFailure? CheckActivity(ChannelToken token, string? channelId, string? serviceUrl)
    {
        if (token.Family == TokenFamily.BotFramework
            && (string.IsNullOrEmpty(channelId) || token.Key.Endorsements is not { } endorsed || !endorsed.Contains(channelId)))
            return new(403, "The signing key is not endorsed for this channel.");
        var claimed = token.Token.TryGetPayloadValue<string>("serviceurl", out var c) ? c : null;
        if (claimed is null && token.Family == TokenFamily.Entra) return null;
        if (string.IsNullOrEmpty(serviceUrl) || !SameServiceUrl(claimed, serviceUrl))
            return new(403, "The token was issued for another service URL.");
        return null;
    }

    /// <summary>The family the (not yet validated) issuer claims; null for an issuer no channel token has.</summary>
    internal static TokenFamily? FamilyOf(JsonWebToken token, TeamsSettings s)
    {
        var issuer = token.Issuer;
        if (string.IsNullOrEmpty(issuer)) return null;
        if (string.Equals(issuer, s.EffectiveBotFrameworkIssuer, StringComparison.OrdinalIgnoreCase)) return TokenFamily.BotFramework;
        var cloud = s.CloudConstants;
        var tenants = new List<string>(cloud.ServiceTenants);
        if (!string.IsNullOrWhiteSpace(s.TenantId)) tenants.Add(s.TenantId.Trim());
        // A multi-tenant app without a tenant of its own takes the token's tenant, as teams.net does; the tenant
        // of the activity itself is held to Teams:AllowedTenants afterwards.
        else if (s.AppType == TeamsAppType.MultiTenant && token.TryGetPayloadValue<string>("tid", out var tid) && Guid.TryParse(tid, out _))
            tenants.Add(tid);
        foreach (var tenant in tenants)
            if (string.Equals(issuer, $"{cloud.EntraInstance}{tenant}/v2.0", StringComparison.OrdinalIgnoreCase)
                || string.Equals(issuer, $"https://sts.windows.net/{tenant}/", StringComparison.OrdinalIgnoreCase)
                || string.Equals(issuer, $"{cloud.EntraInstance}{tenant}/", StringComparison.OrdinalIgnoreCase))
                return TokenFamily.Entra;
        return null;
    }

    private static bool SameServiceUrl(string? claimed, string actual) =>
        claimed is not null && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private TokenValidationParameters Parameters(SecurityKey key, string issuer, TeamsSettings s) => new()
    {
        ValidIssuer = issuer,
        ValidAudiences = [s.AppId, $"api://{s.AppId}", $"api://botid-{s.AppId}"],
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        // Lifetime on the product's clock, so tests with a fake clock and hosts with a skewed one agree.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew
                && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - ClockSkew);
        },
    };
}
