namespace ChatBilling.Core.Channels;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as a wait from now on the
/// product's clock, for every chat adapter: Slack sends seconds with a 429 (docs.slack.dev/apis/web-api/rate-limits), the
/// Bot Connector sends it with a 429 too (msteams-docs <c>bots/how-to/rate-limit.md</c>).
/// </summary>
public static class RetryAfterHeader
{
    /// <summary>The wait the answer asks for; zero for a date already past; null when the header is absent.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
