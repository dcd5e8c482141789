namespace ChatBilling.Core.Invoices;

/// <summary>
/// An invoice as a caller sends it (REST body, trigger mapping). Everything is nullable so that a missing
/// field becomes a validation error naming that field rather than a deserialisation failure.
/// </summary>
public sealed record InvoiceInput(
    Guid? ClientId,
    string? Currency,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string? Number,
    DateOnly? WorkCompletedOn,
    string? Notes,
    IReadOnlyList<LineItemInput?>? LineItems,
    DateOnly? SendOn = null);

public sealed record LineItemInput(string? Description, decimal? Quantity, decimal? UnitPrice, decimal? TaxRate);

/// <summary>Input that passed <see cref="InvoiceValidator"/>: every required value is present and in range.</summary>
internal sealed record ValidInvoice(
    Guid ClientId,
    string Currency,
    DateOnly IssueDate,
    DateOnly DueDate,
    string? Number,
    DateOnly? WorkCompletedOn,
    string? Notes,
    IReadOnlyList<ValidLine> Lines,
    DateOnly? SendOn = null);

internal sealed record ValidLine(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate);
