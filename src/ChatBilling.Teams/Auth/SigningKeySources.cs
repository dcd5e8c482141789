using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBilling.Teams.Auth;

/// <summary>A signing key and, for Bot Framework keys, the channels it may sign for (its <c>endorsements</c>).</summary>
internal sealed record ChannelSigningKey(SecurityKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>The key endpoint has never answered since start-up: nothing can be checked yet.</summary>
internal sealed class SigningKeysUnavailableException(string metadataUrl, Exception inner)
    : Exception($"The signing keys at {metadataUrl} could not be read.", inner);

/// <summary>
/// Token signing keys per OpenID metadata document, one IdentityModel <see cref="ConfigurationManager{T}"/> each,
/// the way Agents-for-net <c>src/samples/Shared/AspNetExtensions.cs</c> and teams.net
/// <c>src/Microsoft.Teams.Core/Hosting/JwtExtensions.cs</c> keep one per authority. Only the first read waits
/// (at most <see cref="FetchTimeout"/>); after that the manager refreshes in the background every 12 hours, and
/// a failed refresh leaves the keys it had in place, so a key endpoint outage is not a bot outage. The keys that
/// last validated a token are also kept as IdentityModel's last-known-good configuration for
/// <see cref="LastKnownGoodFor"/>, and used when a refresh brought back a key set without the token's key.
/// An unknown key id asks for a refresh, which the manager runs in the background at most every 5 minutes.
/// </summary>
internal sealed class SigningKeySources(IHttpClientFactory http, ILogger<SigningKeySources> log)
{
    public const string HttpClientName = "teams-keys";
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LastKnownGoodFor = TimeSpan.FromHours(25);

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> managers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key <paramref name="kid"/> names in the document at <paramref name="metadataUrl"/>, or null when it has none.</summary>
    public async Task<ChannelSigningKey?> FindAsync(string metadataUrl, string? kid, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(kid)) return null;
        var manager = managers.GetOrAdd(metadataUrl, Create);
        OpenIdConnectConfiguration current;
        try
        {
            current = await manager.GetConfigurationAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Could not read the Teams token signing keys from {Url}; no token can be checked until it answers.", metadataUrl);
            throw new SigningKeysUnavailableException(metadataUrl, e);
        }
        if (Find(current, kid) is { } key) return key;
        if (manager.IsLastKnownGoodValid && manager.LastKnownGoodConfiguration is OpenIdConnectConfiguration good && Find(good, kid) is { } kept)
            return kept;
        log.LogInformation("No signing key {Kid} at {Url}; asking for a refresh.", kid, metadataUrl);
        manager.RequestRefresh();
        return null;
    }

    /// <summary>Marks the keys of <paramref name="metadataUrl"/> as good: a token validated with them.</summary>
    public void Validated(string metadataUrl)
    {
        if (managers.TryGetValue(metadataUrl, out var manager) && manager.GetConfigurationAsync(CancellationToken.None) is { IsCompletedSuccessfully: true } done)
            manager.LastKnownGoodConfiguration = done.Result;
    }

    /// <summary>Starts the first read of each document, so the first activity after start-up rarely waits for it.</summary>
    public void Warm(IEnumerable<string> metadataUrls)
    {
        foreach (var url in metadataUrls)
            _ = managers.GetOrAdd(url, Create).GetConfigurationAsync(CancellationToken.None).ContinueWith(
                t => log.LogWarning(t.Exception, "Reading the Teams signing keys from {Url} at start-up failed; retried on the first activity.", url),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Create(string metadataUrl)
    {
        var client = http.CreateClient(HttpClientName);
        // http only where an operator configured it (a test fake on loopback); the clouds' defaults are https.
        var retriever = new HttpDocumentRetriever(client) { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
        return new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            UseLastKnownGoodConfiguration = true,
            LastKnownGoodLifetime = LastKnownGoodFor,
        };
    }

    private static ChannelSigningKey? Find(OpenIdConnectConfiguration configuration, string kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is not null) return new(key, Endorsements(key));
        var signing = configuration.SigningKeys.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
        return signing is null ? null : new(signing, null);
    }

    /// <summary>
    /// Endorsements are a Bot Framework extension of JWK (botbuilder-dotnet <c>EndorsementsValidator.cs</c>), kept by
    /// IdentityModel among the key's unknown members; Entra keys have none.
    /// </summary>
    private static IReadOnlySet<string>? Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null) return null;
        IEnumerable<string?> items = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null),
            IEnumerable<object> list => list.Select(o => o?.ToString()),
            _ => [],
        };
        return items.OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
