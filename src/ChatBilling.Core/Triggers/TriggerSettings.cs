namespace ChatBilling.Core.Triggers;

/// <summary>The <c>Triggers</c> settings section: the systems allowed to start invoices, and how their events map.</summary>
public sealed record TriggerSettings
{
    public IReadOnlyList<TriggerSource> Sources { get; init; } = [];

    public TriggerSource? Source(string? name) =>
        string.IsNullOrEmpty(name) ? null : Sources.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One sending system (a CRM, a project tool, a subscription biller) and its mapping to drafts.</summary>
public sealed record TriggerSource
{
    /// <summary>Sent in the <c>X-ChatBilling-Source</c> header; recorded as the actor of what the event creates.</summary>
    public string Name { get; init; } = "";
    /// <summary>The shared secret the source signs with; a source without one accepts nothing.</summary>
    public string Secret { get; init; } = "";
    /// <summary>The client an event bills when it names none (a source that serves one client).</summary>
    public Guid? ClientId { get; init; }
    /// <summary>The source's own client keys mapped to ours, e.g. <c>{ "acme-crm-17": "&lt;client id&gt;" }</c>.</summary>
    public IReadOnlyDictionary<string, Guid> Clients { get; init; } = new Dictionary<string, Guid>();
    /// <summary>The event types accepted; empty accepts the three known ones.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
    /// <summary>Tax rate for lines that give none (a fraction, 0.2 for 20 %).</summary>
    public decimal TaxRate { get; init; }
    /// <summary>Due date = issue date + this many days, when the event gives no due date.</summary>
    public int PaymentTermsDays { get; init; } = 30;
    /// <summary>Submit the draft for approval at once (an event may say otherwise).</summary>
    public bool Submit { get; init; }
}
