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
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Tests.Teams;

/// <summary>A call the fake Bot Connector received.</summary>
public sealed record ConnectorCall(string Method, string Path, JsonObject Body, string? Authorization);

/// <summary>
/// A scripted connector answer for the next call: <paramref name="AfterPosting"/> answers it only after the activity
/// was delivered, as a gateway timing out on a connector that did its work (openclaw/openclaw#125127 saw exactly this).
/// </summary>
public sealed record ConnectorFailure(int Status, string? RetryAfter = null, bool AfterPosting = false, string? Body = null);

/// <summary>
/// The channel's side on loopback, in both token families: the Bot Framework's OpenID metadata and JWKS (a real RSA
/// key endorsed for msteams, as botbuilder-dotnet's EndorsementsValidator reads them) and an Entra v2 tenant metadata
/// document and JWKS (another key, no endorsements); either key endpoint can go down after its first fetch. Also an
/// OAuth token endpoint that can refuse like Entra does (error, error_codes, AADSTS description), and a Bot Connector
/// that records activities, answers with ids like the real one, and plays scripted answers of every class.
/// </summary>
public sealed partial class FakeBotPlatform : IAsyncDisposable
{
    public const string Kid = "test-key-1";
    public const string EntraKid = "entra-key-1";
    public const string Issuer = "https://api.botframework.com";
    /// <summary>The only client secret the token endpoint accepts (TeamsHost configures it as Teams:AppPassword).</summary>
    public const string ClientSecret = "bot-secret";

    private readonly WebApplication app;
    private int counter;
    private int tokenRequests;
    private int keyRequests;
    private int entraKeyRequests;
    private int refusedCalls;
    private readonly ConcurrentDictionary<string, bool> issuedTokens = new();
    private readonly AsyncSignal keyFetched = new();

    public RSA Rsa { get; } = RSA.Create(2048);
    public RSA EntraRsa { get; } = RSA.Create(2048);
    public string[] Endorsements { get; set; } = ["msteams"];
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();
    /// <summary>Activities that reached a conversation (what Teams users would see), including those answered with an error after posting.</summary>
    public ConcurrentQueue<ConnectorCall> Delivered { get; } = new();
    public ConcurrentQueue<ConnectorFailure> Failures { get; } = new();
    public int TokenRequests => tokenRequests;
    /// <summary>Reads of the Bot Framework key metadata (each read then fetches its JWKS), answered or not.</summary>
    public int KeyRequests => keyRequests;
    public int EntraKeyRequests => entraKeyRequests;
    public int TokenLifetimeSeconds { get; set; } = 3600;
    /// <summary>When set, the token endpoint refuses like Entra does with this body (HTTP 401).</summary>
    public string? TokenRefusal { get; set; }
    /// <summary>Both key endpoints (metadata and JWKS) answer 503 while set.</summary>
    public bool KeysDown { get; set; }
    /// <summary>Connector calls refused because their token was not issued by this platform's token endpoint.</summary>
    public int RefusedCalls => refusedCalls;
    public string BaseUrl { get; }
    public string ServiceUrl => BaseUrl + "/connector/";
    public string EntraMetadataUrlTemplate => BaseUrl + "/entra/{TenantId}/v2.0/.well-known/openid-configuration";

    public FakeBotPlatform()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapGet("/openid", () =>
        {
            Interlocked.Increment(ref keyRequests);
            keyFetched.Set();
            return KeysDown ? Results.StatusCode(503) : Results.Json(new
            {
                issuer = Issuer, jwks_uri = BaseUrl + "/keys", id_token_signing_alg_values_supported = new[] { "RS256" },
            });
        });
        app.MapGet("/keys", () => KeysDown ? Results.StatusCode(503) : Results.Json(new { keys = new[] { Jwk(Rsa, Kid, Endorsements) } }));
        // Like https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration: the tenant's issuer, keys without endorsements.
        app.MapGet("/entra/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            Interlocked.Increment(ref entraKeyRequests);
            return KeysDown ? Results.StatusCode(503) : Results.Json(new
            {
                issuer = $"https://login.microsoftonline.com/{tenant}/v2.0", jwks_uri = BaseUrl + "/entra/discovery/v2.0/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" }, token_endpoint = BaseUrl + "/token",
            });
        });
        app.MapGet("/entra/discovery/v2.0/keys", () =>
            KeysDown ? Results.StatusCode(503) : Results.Json(new { keys = new[] { Jwk(EntraRsa, EntraKid, null) } }));
        app.MapPost("/token", TokenAsync);
        app.Map("/connector/{**rest}", ConnectorAsync);
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private static Dictionary<string, object> Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var p = rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null) jwk["endorsements"] = endorsements;
        return jwk;
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || form["scope"] != "https://api.botframework.com/.default") return Results.BadRequest();
        if (TokenRefusal is { } refusal) return Results.Content(refusal, "application/json", statusCode: 401);
        // Entra answers a wrong secret with 401 invalid_client and an AADSTS code
        // (https://learn.microsoft.com/entra/identity-platform/reference-error-codes, AADSTS7000215).
        if (form["client_secret"] != ClientSecret)
            return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
        var n = Interlocked.Increment(ref tokenRequests);
        var token = $"bot-token-{n}";
        issuedTokens[token] = true;
        return Results.Json(new { token_type = "Bearer", expires_in = TokenLifetimeSeconds, access_token = token });
    }

    private async Task<IResult> ConnectorAsync(HttpContext http, string rest)
    {
        // Like the real connector: only a token its own token endpoint issued is accepted; nothing else is processed.
        var presented = http.Request.Headers.Authorization.ToString();
        if (!presented.StartsWith("Bearer ", StringComparison.Ordinal) || !issuedTokens.ContainsKey(presented["Bearer ".Length..]))
        {
            Interlocked.Increment(ref refusedCalls);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? new JsonObject();
        var call = new ConnectorCall(http.Request.Method, "/" + Uri.UnescapeDataString(rest), body, http.Request.Headers.Authorization);
        Calls.Enqueue(call);
        if (Failures.TryDequeue(out var failure))
        {
            if (failure.AfterPosting) Delivered.Enqueue(call);
            if (failure.RetryAfter is not null) http.Response.Headers.RetryAfter = failure.RetryAfter;
            return Results.Content(failure.Body ?? "{\"error\":{\"code\":\"Scripted\",\"message\":\"scripted failure\"}}", "application/json",
                statusCode: failure.Status);
        }
        Delivered.Enqueue(call);
        var id = Interlocked.Increment(ref counter).ToString();
        if (rest == "v3/conversations")
        {
            var channel = body["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "none";
            return Results.Json(new { id = $"{channel};messageid={id}", activityId = id });
        }
        return Results.Json(new { id });
    }

    /// <summary>Completes once the Bot Framework JWKS was fetched <paramref name="count"/> times (a background refresh), or fails after 10 s.</summary>
    public async Task KeyRequestsReach(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (KeyRequests < count)
        {
            keyFetched.Reset();
            if (KeyRequests >= count) break;
            await keyFetched.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Connector calls of one method whose path starts with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyList<ConnectorCall> CallsOf(string method, string pathPrefix = "/v3/") =>
        Calls.Where(c => c.Method == method && c.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Rsa.Dispose();
        EntraRsa.Dispose();
    }
}

/// <summary>A resettable signal to await an event of the fake (no polling, no sleeps).</summary>
internal sealed class AsyncSignal
{
    private volatile TaskCompletionSource source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => source.TrySetResult();

    public void Reset()
    {
        if (source.Task.IsCompleted) source = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task WaitAsync(CancellationToken ct) => source.Task.WaitAsync(ct);
}
