namespace ChatBilling.Teams;

/// <summary>
/// How the bot's Entra app registration was created. Azure creates only single-tenant bots since mid-2025 (the
/// Azure Bot resource's "Type of App"), so <see cref="SingleTenant"/> is the default: such a bot must name its tenant.
/// </summary>
public enum TeamsAppType
{
    SingleTenant,
    MultiTenant,
}

/// <summary>The <c>Teams</c> settings section of shared/CONTRACT.md; Teams is on when <see cref="AppId"/> is set.</summary>
public sealed record TeamsSettings
{
    /// <summary>In <see cref="AllowedTenants"/>: activities from any tenant are served (a multi-tenant app sold to many).</summary>
    public const string AnyTenant = "*";

    public string? AppId { get; init; }
    public string? AppPassword { get; init; }
    public string? TenantId { get; init; }
    public TeamsAppType AppType { get; init; } = TeamsAppType.SingleTenant;
    public TeamsCloudName Cloud { get; init; } = TeamsCloudName.Public;

    /// <summary>Bot Framework token keys; defaults to the cloud's.</summary>
    public string? OpenIdMetadataUrl { get; init; }

    /// <summary>Entra-issued channel token keys; <c>{TenantId}</c> is replaced. Defaults to the cloud's v2.0 metadata of the tenant.</summary>
    public string? EntraOpenIdMetadataUrl { get; init; }

    /// <summary>The <c>iss</c> of Bot Framework tokens; defaults to the cloud's.</summary>
    public string? BotFrameworkIssuer { get; init; }

    /// <summary>The scope of the bot's own connector token; defaults to the cloud's.</summary>
    public string? Scope { get; init; }

    /// <summary>Tenants whose activities are served (<see cref="AnyTenant"/> for all); defaults to <see cref="TenantId"/> alone.</summary>
    public string[] AllowedTenants { get; init; } = [];

    public string? TokenEndpoint { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ApprovalChannelId { get; init; }
    public string? DigestChannelId { get; init; }

    /// <summary>Attempts per connector call on 429/412 (any call) and on 5xx, 408 and network failures (card updates) before the outbox retries later.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff wait; each retry doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longer waits (a large Retry-After) are left to the outbox, which waits exactly that long, rather than holding a handler.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public TeamsCloud CloudConstants => TeamsCloud.Of(Cloud);

    public string EffectiveOpenIdMetadataUrl => Or(OpenIdMetadataUrl, CloudConstants.BotOpenIdMetadataUrl);

    public string EffectiveBotFrameworkIssuer => Or(BotFrameworkIssuer, CloudConstants.BotFrameworkIssuer);

    public string EffectiveScope => Or(Scope, CloudConstants.BotFrameworkScope);

    /// <summary>The Entra tenant whose keys and issuer channel tokens carry: ours, or <c>common</c> for a multi-tenant app.</summary>
    public string EntraTenant => string.IsNullOrWhiteSpace(TenantId) ? "common" : TenantId.Trim();

    public string EffectiveEntraOpenIdMetadataUrl =>
        Or(EntraOpenIdMetadataUrl, "{Instance}{TenantId}/v2.0/.well-known/openid-configuration")
            .Replace("{Instance}", CloudConstants.EntraInstance, StringComparison.Ordinal)
            .Replace("{TenantId}", EntraTenant, StringComparison.Ordinal);

    public string EffectiveTokenEndpoint => Or(TokenEndpoint,
        $"{CloudConstants.EntraInstance}{(string.IsNullOrWhiteSpace(TenantId) ? CloudConstants.DefaultTokenTenant : TenantId.Trim())}/oauth2/v2.0/token");

    /// <summary>The tenants served: <see cref="AllowedTenants"/>, or our own tenant when none are listed.</summary>
    public IReadOnlySet<string> EffectiveAllowedTenants =>
        (AllowedTenants.Any(t => !string.IsNullOrWhiteSpace(t)) ? AllowedTenants : [TenantId ?? ""])
            .Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool AllowsTenant(string? tenantId) =>
        EffectiveAllowedTenants.Contains(AnyTenant) || (!string.IsNullOrEmpty(tenantId) && EffectiveAllowedTenants.Contains(tenantId));

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
