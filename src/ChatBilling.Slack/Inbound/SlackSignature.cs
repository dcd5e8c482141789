using System.Security.Cryptography;
using System.Text;
using ChatBilling.Core.Security;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Slack's request signing (api.slack.com/authentication/verifying-requests-from-slack): an HMAC-SHA256 of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c> keyed with the signing secret, sent as <c>X-Slack-Signature: v0=hex</c>.
/// </summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The <c>v0=…</c> signature Slack would send for this body at this timestamp.</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(SignedRequests.Mac(signingSecret, $"v0:{timestamp}:", body));

    /// <summary>
    /// True when the signature matches and the timestamp is within <paramref name="maxAge"/> of now (either way:
    /// a far-future stamp is as suspicious as an old one). The comparison takes the same time wherever it differs.
    /// </summary>
    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(signature) || !SignedRequests.IsFresh(timestamp, now, maxAge)) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
