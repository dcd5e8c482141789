using ChatBilling.Core.Audit;

namespace ChatBilling.Core.Invoices;

/// <summary>An invoice and the rules for changing it. Status only moves through <see cref="MoveTo"/>.</summary>
public sealed class Invoice
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Draft;
    public Guid ClientId { get; private set; }
    public string Currency { get; private set; } = "";
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateOnly? WorkCompletedOn { get; private set; }
    /// <summary>The day the approved invoice is emailed; as soon as it is approved when unset.</summary>
    public DateOnly? SendOn { get; private set; }
    public string? Notes { get; private set; }
    public List<LineItem> LineItems { get; private set; } = [];
    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }
    /// <summary>Money received so far; partial payments add up until it covers <see cref="Total"/>.</summary>
    public decimal AmountPaid { get; private set; }
    /// <summary>What is still owed: never negative, an overpayment is an exception of its own.</summary>
    public decimal AmountDue => Math.Max(0, Total - AmountPaid);
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    /// <summary>Optimistic concurrency token: bumped on every save, so two concurrent changes cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsEditable => Status is InvoiceStatus.Draft or InvoiceStatus.Rejected;

    public bool IsOverdue(DateOnly today) => Status == InvoiceStatus.Sent && DueDate < today;

    /// <summary>Replaces the content with validated input and recomputes the totals.</summary>
    internal void SetContent(ValidInvoice input, DateTimeOffset now)
    {
        if (!IsEditable)
            throw new TransitionRefusedException($"Only Draft or Rejected invoices can be edited; this one is {Status}.");
        ClientId = input.ClientId;
        Currency = input.Currency;
        IssueDate = input.IssueDate;
        DueDate = input.DueDate;
        WorkCompletedOn = input.WorkCompletedOn;
        SendOn = input.SendOn;
        Notes = input.Notes;
        LineItems.Clear();
        LineItems.AddRange(input.Lines.Select((l, i) => new LineItem
        {
            Position = i + 1, Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRate = l.TaxRate,
        }));
        (Subtotal, Tax, Total) = InvoiceTotals.Apply(LineItems, Currency);
        UpdatedAt = now;
    }

    /// <summary>Moves to another status if the transition table allows it, and returns the audit line to store with it.</summary>
    public AuditEntry MoveTo(InvoiceStatus to, Actor by, string action, DateTimeOffset at, string? detail = null)
    {
        if (InvoiceTransitions.Check(Status, to) is { } reason) throw new TransitionRefusedException(reason);
        var from = Status;
        Status = to;
        UpdatedAt = at;
        if (to == InvoiceStatus.Sent) SentAt = at;
        if (to == InvoiceStatus.Paid) PaidAt = at;
        return Record(by, action, at, detail, from, to);
    }

    /// <summary>An audit line for something that happened without a status change (an edit, a view, a reminder).</summary>
    public AuditEntry Record(Actor by, string action, DateTimeOffset at, string? detail = null,
        InvoiceStatus? from = null, InvoiceStatus? to = null) => new()
    {
        InvoiceId = Id, At = at, Actor = by.Name, Channel = by.Channel, Action = action,
        FromStatus = from, ToStatus = to, Detail = detail, Via = by.Via,
    };

    internal void ReceivePayment(decimal amount, DateTimeOffset at)
    {
        AmountPaid += amount;
        UpdatedAt = at;
    }

    /// <summary>Marks the invoice changed without a status move, so a concurrent change of it loses the version race.</summary>
    internal void Touch(DateTimeOffset at) => UpdatedAt = at;

    internal void BumpVersion() => Version++;
}
