using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatBilling.Core.Security;

/// <summary>
/// The parts every timestamped HMAC request scheme shares (Slack's <c>v0:{ts}:{body}</c>, our triggers'
/// <c>{ts}.{body}</c>): the MAC over a text prefix and the raw body bytes, and the freshness window against replay.
/// </summary>
public static class SignedRequests
{
    /// <summary>HMAC-SHA256 keyed with <paramref name="secret"/> over the UTF-8 <paramref name="prefix"/> followed by the raw body.</summary>
    public static byte[] Mac(string secret, string prefix, ReadOnlySpan<byte> body)
    {
        var signed = new byte[Encoding.UTF8.GetByteCount(prefix) + body.Length];
        var written = Encoding.UTF8.GetBytes(prefix, signed);
        body.CopyTo(signed.AsSpan(written));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>
    /// True when <paramref name="timestamp"/> is Unix seconds within <paramref name="maxAge"/> of now, either way:
    /// a far-future stamp is as suspicious as an old one.
    /// </summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, TimeSpan maxAge) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= maxAge.TotalSeconds;
}
