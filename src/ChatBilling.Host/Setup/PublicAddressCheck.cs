using ChatBilling.Core.Setup;

namespace ChatBilling.Host.Setup;

/// <summary>
/// <c>PublicBaseUrl</c> is set, https, and answers <c>/healthz</c> when called by its public name, the way customers,
/// Slack and Teams reach it. Slack and Teams fetch card images and links only over public https.
/// </summary>
public sealed class PublicAddressCheck(IConfiguration configuration, IHttpClientFactory http) : ISetupCheck
{
    public const string HttpClientName = "setup-check";

    public string Name => "Public address";

    public async Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var configured = configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured))
            return SetupCheckResult.Fail(Name, "PublicBaseUrl is empty: links in emails and cards would point at the listening address. Set PublicBaseUrl to the host's public https address.");
        if (!Uri.TryCreate(configured.TrimEnd('/') + "/healthz", UriKind.Absolute, out var health) || health.Scheme is not ("http" or "https"))
            return SetupCheckResult.Fail(Name, $"PublicBaseUrl '{configured}' is not an absolute http(s) address.");
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(HttpClientName).GetAsync(health, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return SetupCheckResult.Fail(Name, $"{health} does not answer ({e.Message}): check PublicBaseUrl, DNS and the proxy in front of the host.");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                return SetupCheckResult.Fail(Name, $"{health} answered {(int)response.StatusCode}: check PublicBaseUrl and the proxy in front of the host.");
        }
        return health.Scheme == "https"
            ? SetupCheckResult.Pass(Name, $"{health} answers over https.")
            : SetupCheckResult.Fail(Name, $"{health} answers, but over http: Teams and Slack only fetch https images and customers' links should be https. Put PublicBaseUrl behind TLS.");
    }
}
