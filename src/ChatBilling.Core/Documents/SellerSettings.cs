namespace ChatBilling.Core.Documents;

/// <summary>The issuing company as printed on every invoice; bound from the "Seller" configuration section.</summary>
public sealed record SellerSettings
{
    /// <summary>Configuration section the settings are bound from.</summary>
    public const string SectionName = "Seller";

    public string Name { get; init; } = "ChatBilling Demo Ltd";

    /// <summary>Empty by default: the configuration binder appends configured array items to existing ones.</summary>
    public string[] AddressLines { get; init; } = [];

    public string TaxId { get; init; } = "GB000000000";

    public string Email { get; init; } = "billing@example.com";

    /// <summary>Optional PNG drawn above the seller's name; read once per path and cached.</summary>
    public string? LogoPath { get; init; }

    /// <summary>Optional bank details or similar, printed on the last page; may span several lines.</summary>
    public string? PaymentInstructions { get; init; }
}
