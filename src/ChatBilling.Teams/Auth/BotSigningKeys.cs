using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Teams.Auth;

/// <summary>A Bot Framework signing key and the channels it may sign for (its <c>endorsements</c>).</summary>
internal sealed record BotSigningKey(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The Bot Framework's token signing keys, read from the OpenID metadata and its JWKS, cached for a day and read
/// again when a token names a key we do not know (keys roll over). Unknown-key refreshes are spaced so a caller
/// sending made-up key ids cannot make us hammer the metadata endpoint.
/// </summary>
internal sealed class BotSigningKeys(
    IHttpClientFactory http, IOptionsMonitor<TeamsSettings> settings, TimeProvider time, ILogger<BotSigningKeys> log)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinRefreshSpacing = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    // Keys and their fetch time are swapped together, so readers outside the gate never see one without the other.
    private volatile Snapshot current = new(new Dictionary<string, BotSigningKey>(), DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyDictionary<string, BotSigningKey> Keys, DateTimeOffset FetchedAt);

    public async Task<BotSigningKey?> FindAsync(string? kid, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(kid)) return null;
        var seen = current;
        if (time.GetUtcNow() - seen.FetchedAt < CacheFor && seen.Keys.TryGetValue(kid, out var known)) return known;
        await gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            seen = current;
            if (now - seen.FetchedAt < CacheFor && seen.Keys.TryGetValue(kid, out known)) return known;
            if (now - seen.FetchedAt >= MinRefreshSpacing)
            {
                seen = new Snapshot(await FetchAsync(ct), now);
                current = seen;
            }
            return seen.Keys.GetValueOrDefault(kid);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, BotSigningKey>> FetchAsync(CancellationToken ct)
    {
        var client = http.CreateClient(TeamsRegistration.HttpClientName);
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(settings.CurrentValue.OpenIdMetadataUrl, ct));
        var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidOperationException("The OpenID metadata names no jwks_uri.");
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(jwksUri, ct));
        var found = new Dictionary<string, BotSigningKey>(StringComparer.Ordinal);
        foreach (var element in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid)) continue;
            // Endorsements are a Bot Framework extension of JWK: read them from the raw JSON, not the typed key.
            var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            found[key.Kid] = new BotSigningKey(key, endorsements);
        }
        log.LogInformation("Read {Count} Bot Framework signing keys from {Uri}.", found.Count, jwksUri);
        return found;
    }
}
