namespace ChatBilling.Core.Clients;

/// <summary>Someone we bill: where invoices go, in which currency, language and paper size.</summary>
public sealed class Client
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Email { get; set; }
    public required string Currency { get; set; }
    /// <summary>BCP 47 culture used for dates and numbers on documents ("en-GB", "pl-PL").</summary>
    public string Locale { get; set; } = "en-GB";
    public string PaperSize { get; set; } = "A4";
    public List<string> AddressLines { get; set; } = [];
    /// <summary>Overrides <c>Reminders:OffsetsDays</c> for this client when set.</summary>
    public List<int>? ReminderOffsetsDays { get; set; }
    /// <summary>The client's VAT or other tax number, as they gave it.</summary>
    public string? TaxId { get; set; }
    /// <summary>Who else gets the invoice and reminder emails, copied (an accounts-payable mailbox, a project lead).</summary>
    public List<string> ExtraRecipients { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}
