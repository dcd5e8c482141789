namespace ChatBilling.Core.CustomerLinks;

/// <summary>
/// A customer's link to an invoice page. Only the token's SHA-256 is stored, so the table alone cannot be
/// turned back into working links.
/// </summary>
public sealed class CustomerLink
{
    public long Id { get; private set; }
    public Guid InvoiceId { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
