using ChatBilling.Core.Invoices;
using ChatBilling.Core.Money;
using ChatBilling.Core.Validation;

namespace ChatBilling.Core.Payments;

/// <summary>Body of <c>POST /api/payments</c>: exactly one of <see cref="InvoiceNumber"/> and <see cref="InvoiceId"/>.</summary>
public sealed record PaymentInput(string? InvoiceNumber, Guid? InvoiceId, decimal? Amount, string? Currency, DateOnly? PaidOn, string? Reference);

/// <summary>Body of <c>POST /api/payments/{id}/match</c>: the invoice an unmatched payment pays, by number or id.</summary>
public sealed record PaymentMatch(string? InvoiceNumber, Guid? InvoiceId);

internal static class PaymentValidator
{
    public static void Validate(PaymentInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var byNumber = !string.IsNullOrWhiteSpace(input.InvoiceNumber);
        if (byNumber == input.InvoiceId is not null)
            errors["invoiceNumber"] = ["Give exactly one of invoiceNumber and invoiceId."];
        else if (input.InvoiceNumber?.Trim().Length > 64) errors["invoiceNumber"] = ["invoiceNumber must be at most 64 characters."];
        InputRules.CheckText(errors, "invoiceNumber", input.InvoiceNumber);
        if (input.Amount is not > 0) errors["amount"] = ["amount must be greater than zero."];
        else if (input.Amount >= InputRules.MaxAmount) errors["amount"] = ["amount is implausibly large."];
        else if (!InputRules.FitsScale(input.Amount.Value)) errors["amount"] = [InputRules.ScaleMessage("amount")];
        if (input.Currency is { } currency && !Currencies.IsKnown(currency.Trim().ToUpperInvariant()))
            errors["currency"] = [$"'{currency}' is not an ISO 4217 currency code."];
        if (input.PaidOn is not { } paidOn) errors["paidOn"] = ["paidOn is required."];
        else if (paidOn > today.AddDays(1)) errors["paidOn"] = ["paidOn cannot be in the future."];
        else InputRules.CheckDate(errors, "paidOn", paidOn);
        if (string.IsNullOrWhiteSpace(input.Reference)) errors["reference"] = ["reference is required (the bank or provider's id)."];
        else if (input.Reference.Length > Storage.FieldLengths.Reference) errors["reference"] = [$"reference must be at most {Storage.FieldLengths.Reference} characters."];
        else InputRules.CheckText(errors, "reference", input.Reference);
        if (errors.Count > 0) throw new InvalidInputException(errors);
    }
}
