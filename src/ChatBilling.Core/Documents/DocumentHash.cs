using System.Security.Cryptography;

namespace ChatBilling.Core.Documents;

/// <summary>Fingerprints of rendered documents, e.g. to record which exact PDF a client was sent.</summary>
public static class DocumentHash
{
    /// <summary>SHA-256 of the bytes as 64 lower-case hex digits.</summary>
    public static string Sha256Hex(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
