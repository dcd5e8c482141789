using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams.Auth;

/// <summary>Why an inbound request was refused: 401 (who are you?) or 403 (not for this activity).</summary>
internal sealed record AuthFailure(int StatusCode, string Reason);

/// <summary>
/// Checks the Bearer JWT the Bot Framework puts on every activity it sends us: signed (RS256) by a current Bot
/// Framework key, issued by the Bot Framework, for our app id, within its lifetime (5 minutes of skew, on the
/// product's clock), by a key endorsed for the activity's channel, and for the service URL the activity names
/// (so a valid token cannot send our replies, and our outbound token, elsewhere).
/// </summary>
internal sealed class BotRequestAuthenticator(BotSigningKeys keys, IOptionsMonitor<TeamsSettings> settings, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>Checks the token alone (before the body is read); returns the validated token or a failure.</summary>
    public async Task<(JsonWebToken? Token, BotSigningKey? Key, AuthFailure? Failure)> ValidateTokenAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, null, new(401, "A Bearer token is required."));
        var raw = authorization["Bearer ".Length..].Trim();
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, null, new(401, "The token is not a JWT."));
        }
        var key = await keys.FindAsync(parsed.Kid, ct);
        if (key is null) return (null, null, new(401, "The token is signed by an unknown key."));

        var result = await handler.ValidateTokenAsync(raw, Parameters(key.Key));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
            return (null, null, new(401, $"The token is not valid: {result.Exception?.GetType().Name}."));
        return (token, key, null);
    }

    /// <summary>Checks what binds the token to this activity: the key's endorsements and the service URL.</summary>
    public static AuthFailure? CheckActivity(JsonWebToken token, BotSigningKey key, string? channelId, string? serviceUrl)
    {
        if (string.IsNullOrEmpty(channelId) || !key.Endorsements.Contains(channelId))
            return new(403, "The signing key is not endorsed for this channel.");
        var claimed = token.TryGetPayloadValue<string>("serviceurl", out var s) ? s : null;
        if (string.IsNullOrEmpty(serviceUrl) || !SameServiceUrl(claimed, serviceUrl))
            return new(403, "The token was issued for another service URL.");
        return null;
    }

    private static bool SameServiceUrl(string? claimed, string actual) =>
        claimed is not null && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = TeamsSettings.BotFrameworkIssuer,
        ValidAudience = settings.CurrentValue.AppId,
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
