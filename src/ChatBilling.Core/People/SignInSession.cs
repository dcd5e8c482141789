namespace ChatBilling.Core.People;

/// <summary>
/// A console session held on the server: the cookie carries only <see cref="Id"/>, so signing out (which deletes
/// the row) or expiry ends it everywhere, and a copied cookie is worth nothing afterwards. Shared by every host.
/// </summary>
public sealed class SignInSession
{
    public const int MaxIdLength = 64;

    public required string Id { get; init; }
    public required string Email { get; set; }
    /// <summary>The serialised authentication ticket (the person's name and email claims, nothing secret).</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
}
