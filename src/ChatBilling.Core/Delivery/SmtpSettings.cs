namespace ChatBilling.Core.Delivery;

/// <summary>The <c>Smtp</c> settings section of shared/CONTRACT.md. With no Host, mail is written to PickupDirectory.</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "";
    /// <summary>587 (submission with StartTLS) by default; 465 means TLS from the first byte.</summary>
    public int Port { get; init; } = 587;
    public string? UserName { get; init; }
    public string? Password { get; init; }
    /// <summary>An address, optionally with a display name: <c>Acme Billing &lt;billing@acme.example&gt;</c>.</summary>
    public string From { get; init; } = "ChatBilling <billing@localhost>";
    public bool UseTls { get; init; } = true;
    public string PickupDirectory { get; init; } = "mail-outbox";
}
