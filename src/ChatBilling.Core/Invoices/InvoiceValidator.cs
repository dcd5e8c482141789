using System.Text.RegularExpressions;
using ChatBilling.Core.Money;
using ChatBilling.Core.Validation;

namespace ChatBilling.Core.Invoices;

/// <summary>Checks invoice input field by field; the database-dependent checks (client, number) live in the service.</summary>
internal static partial class InvoiceValidator
{
    public const int MaxLineItems = 500;
    public const int MaxDescriptionLength = 1000;
    public const int MaxNotesLength = Storage.FieldLengths.Notes;
    private const decimal MaxQuantity = 1_000_000_000m;
    private const decimal MaxUnitPrice = 1_000_000_000_000m;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,31}$")]
    private static partial Regex NumberShape();

    /// <summary>Validates; <paramref name="fallbackCurrency"/> (the client's) is used when the input names none.</summary>
    public static ValidInvoice Validate(InvoiceInput input, string? fallbackCurrency)
    {
        var errors = new Dictionary<string, List<string>>();
        void Fail(string field, string message) =>
            (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (input.ClientId is null || input.ClientId == Guid.Empty) Fail("clientId", "clientId is required.");
        var currency = (input.Currency ?? fallbackCurrency)?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency)) Fail("currency", "currency is required.");
        else if (!Currencies.IsKnown(currency)) Fail("currency", $"'{input.Currency}' is not an ISO 4217 currency code.");
        void Date(string field, DateOnly? date)
        {
            if (date is { } d && !InputRules.InRange(d)) Fail(field, InputRules.DateMessage(field));
        }
        void Text(string field, string? text)
        {
            if (text is not null && !InputRules.IsStorableText(text)) Fail(field, InputRules.TextMessage(field));
        }

        if (input.IssueDate is null) Fail("issueDate", "issueDate is required.");
        if (input.DueDate is null) Fail("dueDate", "dueDate is required.");
        Date("issueDate", input.IssueDate);
        Date("dueDate", input.DueDate);
        Date("workCompletedOn", input.WorkCompletedOn);
        Date("sendOn", input.SendOn);
        Text("notes", input.Notes);
        if (input.IssueDate is { } issued && input.DueDate < issued) Fail("dueDate", "dueDate cannot be before issueDate.");
        if (input.WorkCompletedOn is { } done && input.IssueDate is { } issuedOn && InputRules.InRange(issuedOn) && done > issuedOn.AddYears(1))
            Fail("workCompletedOn", "workCompletedOn is more than a year after issueDate.");
        if (input.SendOn is { } sendOn && input.DueDate is { } due && sendOn > due)
            Fail("sendOn", "sendOn cannot be after dueDate.");
        var number = string.IsNullOrWhiteSpace(input.Number) ? null : input.Number.Trim();
        if (number is not null && !NumberShape().IsMatch(number))
            Fail("number", "number must be 1-32 letters, digits or - _ / . and start with a letter or digit.");
        if (input.Notes?.Length > MaxNotesLength) Fail("notes", $"notes must be at most {MaxNotesLength} characters.");

        var lines = new List<ValidLine>();
        if (input.LineItems is null || input.LineItems.Count == 0) Fail("lineItems", "At least one line item is required.");
        else if (input.LineItems.Count > MaxLineItems) Fail("lineItems", $"At most {MaxLineItems} line items are allowed.");
        else
        {
            for (var i = 0; i < input.LineItems.Count; i++)
            {
                var field = $"lineItems[{i}]";
                if (input.LineItems[i] is not { } line) { Fail(field, "A line item cannot be null."); continue; }
                var description = line.Description?.Trim() ?? "";
                if (description.Length > MaxDescriptionLength)
                    Fail($"{field}.description", $"description must be at most {MaxDescriptionLength} characters.");
                Text($"{field}.description", description);
                if (line.Quantity is not { } quantity) Fail($"{field}.quantity", "quantity is required.");
                else if (quantity <= 0) Fail($"{field}.quantity", "quantity must be greater than zero.");
                else if (quantity > MaxQuantity) Fail($"{field}.quantity", "quantity is implausibly large.");
                else if (!InputRules.FitsScale(quantity)) Fail($"{field}.quantity", InputRules.ScaleMessage("quantity"));
                if (line.UnitPrice is not { } price) Fail($"{field}.unitPrice", "unitPrice is required.");
                else if (Math.Abs(price) > MaxUnitPrice) Fail($"{field}.unitPrice", "unitPrice is implausibly large.");
                else if (!InputRules.FitsScale(price)) Fail($"{field}.unitPrice", InputRules.ScaleMessage("unitPrice"));
                var taxRate = line.TaxRate ?? 0m;
                if (taxRate is < 0 or > 1) Fail($"{field}.taxRate", "taxRate is a fraction between 0 and 1 (0.2 for 20 %).");
                else if (!InputRules.FitsScale(taxRate)) Fail($"{field}.taxRate", InputRules.ScaleMessage("taxRate"));
                // Only quantities and prices within their own bounds are multiplied: beyond them the product can overflow decimal.
                if (line.Quantity is > 0 and <= MaxQuantity && line.UnitPrice is { } p && Math.Abs(p) <= MaxUnitPrice)
                {
                    // Each line's amount is stored too, and must fit its column as the total must.
                    if (Math.Abs(line.Quantity.Value * p) >= InputRules.MaxAmount)
                        Fail($"{field}.unitPrice", $"quantity × unitPrice must stay below {InputRules.MaxAmount:N0}.");
                    lines.Add(new ValidLine(description, line.Quantity.Value, p, taxRate));
                }
            }
        }

        if (errors.Count == 0 && currency is not null)
        {
            // Discount lines may be negative, but an invoice as a whole may not: that is a credit note.
            var total = lines.Sum(l => Currencies.Round(l.Quantity * l.UnitPrice, currency) * (1 + l.TaxRate));
            if (total < 0) Fail("lineItems", "The invoice total cannot be negative.");
            else if (total >= InputRules.MaxAmount || lines.Sum(l => Math.Abs(l.Quantity * l.UnitPrice)) >= InputRules.MaxAmount)
                Fail("lineItems", $"The invoice total must stay below {InputRules.MaxAmount:N0}.");
        }

        if (errors.Count > 0) throw new InvalidInputException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return new ValidInvoice(input.ClientId!.Value, currency!, input.IssueDate!.Value, input.DueDate!.Value, number,
            input.WorkCompletedOn, string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(), lines, input.SendOn);
    }
}
