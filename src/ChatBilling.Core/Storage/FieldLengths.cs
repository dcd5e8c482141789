namespace ChatBilling.Core.Storage;

/// <summary>
/// Column lengths that the validators check too, so whatever the API accepts fits its column on both providers and a
/// too-long value is a 400 naming the field, never a database error.
/// </summary>
public static class FieldLengths
{
    /// <summary>Names of clients, schedules and people, and the actor names stamped on records.</summary>
    public const int Name = 200;
    /// <summary>RFC 5321 §4.5.3.1.3: a forward path is at most 256 octets including the angle brackets.</summary>
    public const int Email = 254;
    /// <summary>ISO 4217 alphabetic codes.</summary>
    public const int Currency = 3;
    public const int Notes = 4000;
    /// <summary>Why a step was rejected, an invoice voided or recalled.</summary>
    public const int Reason = 1000;
    /// <summary>A payment's bank or processor reference.</summary>
    public const int Reference = 200;
    /// <summary>A SHA-256 digest in hex.</summary>
    public const int Sha256Hex = 64;
    /// <summary>A client's VAT or tax number.</summary>
    public const int TaxId = 50;
    /// <summary>A channel's name, as chat adapters register it, or "web", "api", "system".</summary>
    public const int Channel = 20;
    /// <summary>Ids a chat platform hands out (conversation, message, user ids).</summary>
    public const int PlatformId = 300;
}
