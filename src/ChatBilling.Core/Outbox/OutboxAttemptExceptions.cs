namespace ChatBilling.Core.Outbox;

/// <summary>
/// Thrown by a handler when trying again cannot help (the receiver refused the request for good: a wrong channel,
/// revoked credentials, a malformed message). The dispatcher gives the message up at once instead of retrying it
/// for hours, so the failure is visible while someone can still act on it.
/// </summary>
public sealed class OutboxGiveUpException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Thrown by a handler when the receiver said when to come back (HTTP 429 with <c>Retry-After</c>): the next attempt
/// is scheduled after exactly that wait rather than after the usual backoff.
/// </summary>
public sealed class OutboxRetryAfterException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
}
