using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed));
    }

    /// <summary>
    /// True when the signature matches and the timestamp is within <paramref name="maxAge"/> of now (either way:
    /// a far-future stamp is as suspicious as an old one). The comparison takes the same time wherever it differs.
    /// </summary>
    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > maxAge.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
