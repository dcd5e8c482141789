using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Tests.Teams;

/// <summary>A call the fake Bot Connector received.</summary>
public sealed record ConnectorCall(string Method, string Path, JsonObject Body, string? Authorization);

/// <summary>
/// The Bot Framework's side on loopback: OpenID metadata and a JWKS with a real RSA key (endorsed for msteams),
/// an OAuth token endpoint, and a Bot Connector that records activities and answers with ids like the real one.
/// Scripted failures (e.g. 429 with Retry-After) are answered before the next connector calls.
/// </summary>
public sealed class FakeBotPlatform : IAsyncDisposable
{
    public const string Kid = "test-key-1";
    public const string Issuer = "https://api.botframework.com";
    /// <summary>The only client secret the token endpoint accepts (TeamsHost configures it as Teams:AppPassword).</summary>
    public const string ClientSecret = "bot-secret";

    private readonly WebApplication app;
    private int counter;

    public RSA Rsa { get; } = RSA.Create(2048);
    public string[] Endorsements { get; set; } = ["msteams"];
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();
    public ConcurrentQueue<(int Status, string? RetryAfter)> Failures { get; } = new();
    public int TokenRequests => tokenRequests;
    public int KeyRequests => keyRequests;
    public int TokenLifetimeSeconds { get; set; } = 3600;
    /// <summary>Connector calls refused because their token was not issued by this platform's token endpoint.</summary>
    public int RefusedCalls => refusedCalls;
    private int refusedCalls;
    public string BaseUrl { get; }
    public string ServiceUrl => BaseUrl + "/connector/";
    private int tokenRequests;
    private int keyRequests;
    private readonly ConcurrentDictionary<string, bool> issuedTokens = new();

    public FakeBotPlatform()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/openid", () => Results.Json(new
        {
            issuer = Issuer, jwks_uri = BaseUrl + "/keys", id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        app.MapGet("/keys", () =>
        {
            Interlocked.Increment(ref keyRequests);
            var p = Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = Kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements = Endorsements },
                },
            });
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["scope"] != "https://api.botframework.com/.default") return Results.BadRequest();
            // Entra answers a wrong secret with 401 invalid_client and an AADSTS code
            // (https://learn.microsoft.com/entra/identity-platform/reference-error-codes, AADSTS7000215).
            if (form["client_secret"] != ClientSecret)
                return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
            var n = Interlocked.Increment(ref tokenRequests);
            var token = $"bot-token-{n}";
            issuedTokens[token] = true;
            return Results.Json(new { token_type = "Bearer", expires_in = TokenLifetimeSeconds, access_token = token });
        });
        app.Map("/connector/{**rest}", async (HttpContext http, string rest) =>
        {
            // Like the real connector: only a token its own token endpoint issued is accepted; nothing else is processed.
            var presented = http.Request.Headers.Authorization.ToString();
            if (!presented.StartsWith("Bearer ", StringComparison.Ordinal) || !issuedTokens.ContainsKey(presented["Bearer ".Length..]))
            {
                Interlocked.Increment(ref refusedCalls);
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }
            var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? new JsonObject();
            Calls.Enqueue(new ConnectorCall(http.Request.Method, "/" + Uri.UnescapeDataString(rest), body, http.Request.Headers.Authorization));
            if (Failures.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null) http.Response.Headers.RetryAfter = failure.RetryAfter;
                return Results.StatusCode(failure.Status);
            }
            var id = Interlocked.Increment(ref counter).ToString();
            if (rest == "v3/conversations")
            {
                var channel = body["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "none";
                return Results.Json(new { id = $"{channel};messageid={id}", activityId = id });
            }
            return Results.Json(new { id });
        });
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Connector calls of one method whose path starts with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyList<ConnectorCall> CallsOf(string method, string pathPrefix = "/v3/") =>
        Calls.Where(c => c.Method == method && c.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>A token like the Bot Framework's, signed by <paramref name="signWith"/> (default: the published key).</summary>
    public string Token(DateTimeOffset now, string audience = TeamsHost.AppId, string issuer = Issuer, string? serviceUrl = null,
        string kid = Kid, RSA? signWith = null, TimeSpan? expiresIn = null)
    {
        var key = new RsaSecurityKey(signWith ?? Rsa) { KeyId = kid };
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(30));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience,
            IssuedAt = (expires - TimeSpan.FromMinutes(40)).UtcDateTime,
            NotBefore = (expires - TimeSpan.FromMinutes(40)).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Rsa.Dispose();
    }
}
