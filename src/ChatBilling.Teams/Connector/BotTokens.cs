using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams.Connector;

/// <summary>
/// The bot's own access token for the Bot Connector (OAuth client credentials), cached until shortly before it
/// expires so a burst of posts costs one token request.
/// </summary>
internal sealed class BotTokens(IHttpClientFactory http, IOptionsMonitor<TeamsSettings> settings, TimeProvider time, ILogger<BotTokens> log)
{
    /// <summary>Renew this long before expiry, so a token never expires between being read and being used.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    // A reference, swapped whole, so a reader outside the gate never sees a token with another token's expiry.
    private volatile CachedToken? cached;

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (cached is { } c && time.GetUtcNow() < c.RenewAt) return c.Token;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.RenewAt) return again.Token;
            var s = settings.CurrentValue;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = s.AppId ?? "",
                ["client_secret"] = s.AppPassword ?? "",
                ["scope"] = s.EffectiveScope,
            });
            var client = http.CreateClient(TeamsRegistration.HttpClientName);
            using var response = await client.PostAsync(s.EffectiveTokenEndpoint, form, ct);
            if (!response.IsSuccessStatusCode)
            {
                var why = EntraError.Describe(await response.Content.ReadAsStringAsync(ct));
                log.LogError("The token endpoint {Endpoint} refused the bot's credentials ({Status}): {Why}",
                    s.EffectiveTokenEndpoint, (int)response.StatusCode, why);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}: {why}", null, response.StatusCode);
            }
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new HttpRequestException("The token endpoint answered no token.");
            if (string.IsNullOrEmpty(token.AccessToken)) throw new HttpRequestException("The token endpoint answered no access_token.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn));
            // Short-lived tokens are renewed at half their life rather than never being cached.
            var margin = lifetime > RenewBefore * 2 ? RenewBefore : lifetime / 2;
            cached = new CachedToken(token.AccessToken, time.GetUtcNow() + lifetime - margin);
            return token.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The connector refused the token (revoked, rotated secret): the next call fetches a new one.</summary>
    public void Forget() => cached = null;

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
