using System.Security.Cryptography;
using ChatBilling.Core.Security;

namespace ChatBilling.Core.Triggers;

/// <summary>
/// Checks a trigger request: <c>X-ChatBilling-Signature: v1=hex(HMAC-SHA256(secret, "{timestamp}.{raw body}"))</c>
/// with <c>X-ChatBilling-Timestamp</c> in Unix seconds, no more than five minutes from now either way (replay).
/// </summary>
public static class TriggerSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Prefix = "v1=";

    /// <summary>Null when the request is genuine and fresh; otherwise why not, for the log (the caller just gets 401).</summary>
    public static string? Problem(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret)) return "the source has no secret configured";
        if (!SignedRequests.IsFresh(timestamp, now, Tolerance)) return "missing, malformed or stale timestamp";
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return "missing signature";
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return "malformed signature";
        }
        return CryptographicOperations.FixedTimeEquals(given, Compute(secret, timestamp!, body)) ? null : "signature mismatch";
    }

    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body) => SignedRequests.Mac(secret, $"{timestamp}.", body);

    /// <summary>The header value a source sends, for tests and documentation.</summary>
    public static string Header(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));
}
