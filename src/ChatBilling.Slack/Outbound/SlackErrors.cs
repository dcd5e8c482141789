namespace ChatBilling.Slack.Outbound;

/// <summary>Which Slack <c>ok:false</c> error codes are worth another try.</summary>
public static class SlackErrors
{
    // Slack's transient errors. Everything else (channel_not_found, not_in_channel, invalid_auth, invalid_blocks,
    // msg_too_long, message_not_found...) fails the same way every time until a person changes something.
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
        "team_added_to_org",
    };

    public static bool IsRetryable(string error) => Transient.Contains(error);
}
