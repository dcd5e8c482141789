using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ChatBilling.Core.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.Security;

/// <summary>
/// One entry of <c>Api:Keys</c>: the name acts in the audit trail when the key is presented; the scopes say what it
/// may do (<see cref="ApiScopes"/>); a key without scopes may read and write.
/// </summary>
public sealed record ApiKey
{
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";
    public IReadOnlyList<string>? Scopes { get; init; }

    public IReadOnlyList<string> EffectiveScopes => Scopes is { Count: > 0 } s ? s : ApiScopes.Default;
}

public sealed record ApiSettings
{
    public IReadOnlyList<ApiKey> Keys { get; init; } = [];
}

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    /// <summary>Any authenticated API caller, and the scope the route's method implies (see <see cref="ApiScopes"/>).</summary>
    public const string Policy = "api";
    /// <summary>The actor for loopback callers when no keys are configured.</summary>
    public const string LocalActor = "local";
    /// <summary>The claim naming the key a request was made with, as <c>key:&lt;name&gt;</c>; absent for loopback callers.</summary>
    public const string ViaClaim = "chatbilling:via";

    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ApiSettings>(builder.Configuration.GetSection("Api"));
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, null);
        builder.AddApiScopes();
        return builder;
    }

    public static WebApplication UseApiKeys(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ApiSettings>>().Value.Keys.Count == 0)
            app.Logger.LogWarning("No Api:Keys are configured: /api/* serves loopback callers only (by the connection's own address), as '{Actor}'.", LocalActor);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The authenticated caller as the audit trail names it.</summary>
    public static Actor ApiActor(this ClaimsPrincipal user) => new(user.Identity?.Name ?? LocalActor, "api");

    /// <summary>The key a request was made with (<c>key:erp-sync</c>), or null for loopback callers without keys.</summary>
    public static string? Via(this ClaimsPrincipal user) => user.FindFirstValue(ViaClaim);
}

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> against <c>Api:Keys</c> in constant time.</summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<ApiSettings> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = settings.CurrentValue.Keys;
        if (keys.Count == 0)
        {
            // After UseForwardedHeaders this is the connection's own address unless a proxy named in
            // ForwardedHeaders:KnownProxies vouched for another; a header alone never makes a caller local.
            return Task.FromResult(Context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? Success(ApiKeys.LocalActor, ApiScopes.All, via: null)
                : AuthenticateResult.Fail("No API keys are configured, so only loopback callers are served."));
        }
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        // Compare hashes so the comparison time depends on neither key's length nor content.
        var match = keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(k.Key))));
        return Task.FromResult(match is null ? AuthenticateResult.Fail("Unknown API key.") : Success(match.Name, match.EffectiveScopes, $"key:{match.Name}"));
    }

    private AuthenticateResult Success(string name, IEnumerable<string> scopes, string? via)
    {
        List<Claim> claims = [new(ClaimTypes.Name, name), .. scopes.Select(s => new Claim(ApiScopes.ClaimType, s.Trim().ToLowerInvariant()))];
        if (via is not null) claims.Add(new Claim(ApiKeys.ViaClaim, via));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "Send Authorization: Bearer <key> with a key from Api:Keys." },
        });
    }
}
