namespace ChatBilling.Slack;

/// <summary>The <c>Slack</c> settings section of shared/CONTRACT.md.</summary>
public sealed record SlackSettings
{
    public const string SectionName = "Slack";

    /// <summary>Signs every request Slack sends us (Basic Information → App Credentials).</summary>
    public string? SigningSecret { get; init; }

    /// <summary>The bot's <c>xoxb-</c> token for Web API calls.</summary>
    public string? BotToken { get; init; }

    public string ApiBaseUrl { get; init; } = "https://slack.com/api/";

    /// <summary>Channel id (C…) approval cards are posted into.</summary>
    public string? ApprovalChannel { get; init; }

    /// <summary>Channel id the daily digest goes to; the approval channel when unset.</summary>
    public string? DigestChannel { get; init; }

    /// <summary>Slack allows about one message per second per channel; posts wait for their turn this long apart.</summary>
    public TimeSpan MessageInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Paces calls by Slack's published limits (tiers per method, one message per second per channel). Off only for a
    /// Slack-compatible endpoint without those limits (the benchmark's loopback fake workspace); a 429's Retry-After is
    /// honoured either way.
    /// </summary>
    public bool PaceCalls { get; init; } = true;

    /// <summary>Older signed requests are refused as possible replays (Slack's advice: five minutes).</summary>
    public TimeSpan MaxRequestAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The app-level <c>xapp-</c> token (Basic Information → App-Level Tokens, scope <c>connections:write</c>). When set,
    /// Slack delivers events, clicks and commands over Socket Mode: no public URL and no signing secret are needed.
    /// </summary>
    public string? AppToken { get; init; }

    /// <summary>Slack is on with a bot token and either way of receiving: signed request URLs or Socket Mode.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken) && (HasRequestUrls || UsesSocketMode);

    /// <summary>Signed request URLs (/slack/*) are served when the signing secret is set.</summary>
    public bool HasRequestUrls => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool UsesSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>The web console's address (from PublicBaseUrl), linked when a message had to be shortened; null when unknown.</summary>
    internal string? ConsoleUrl { get; set; }

    /// <summary>The API base with a trailing slash, so relative method names resolve under it.</summary>
    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/");
}
