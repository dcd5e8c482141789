namespace ChatBilling.Teams;

/// <summary>The <c>Teams</c> settings section of shared/CONTRACT.md; Teams is on when <see cref="AppId"/> is set.</summary>
public sealed record TeamsSettings
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    public string? AppId { get; init; }
    public string? AppPassword { get; init; }
    public string? TenantId { get; init; }
    public string OpenIdMetadataUrl { get; init; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string? TokenEndpoint { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ApprovalChannelId { get; init; }
    public string? DigestChannelId { get; init; }

    /// <summary>Attempts per connector call on 429/412/502/504 and network failures before the outbox retries later.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff wait; each retry doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longer waits (a large Retry-After) are left to the outbox's own backoff rather than holding a handler.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public string EffectiveTokenEndpoint => string.IsNullOrWhiteSpace(TokenEndpoint)
        ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token"
        : TokenEndpoint;
}
