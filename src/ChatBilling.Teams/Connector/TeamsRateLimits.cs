using ChatBilling.Core.Channels;

namespace ChatBilling.Teams.Connector;

/// <summary>
/// The Teams bot rate limits as lanes of the shared <see cref="ChatPacer"/>. Microsoft documents the per bot per thread
/// limits for sending to a conversation as 7 per 1 s, 8 per 2 s, 60 per 30 s and 1800 per 3600 s, and a global limit of
/// 50 requests per second per app per tenant (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/rate-limit).
/// We stay one under each.
/// </summary>
internal static class TeamsRateLimits
{
    private static readonly PaceRule PerThread = PaceRule.Windowed(
        (TimeSpan.FromSeconds(1), 6), (TimeSpan.FromSeconds(2), 7), (TimeSpan.FromSeconds(30), 59), (TimeSpan.FromSeconds(3600), 1799));

    private static readonly PaceLane PerApp = new("Teams app", PaceRule.Windowed((TimeSpan.FromSeconds(1), 49)));

    /// <summary>The lanes a send to <paramref name="thread"/> waits in: its thread and the whole app.</summary>
    public static PaceLane[] For(string thread) => [new($"Teams thread {thread}", PerThread), PerApp];
}
