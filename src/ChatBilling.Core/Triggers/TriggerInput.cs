using ChatBilling.Core.Invoices;
using ChatBilling.Core.Validation;

namespace ChatBilling.Core.Triggers;

/// <summary>
/// The body of <c>POST /api/triggers</c>. Either <see cref="LineItems"/> or the one-line shortcut
/// <see cref="Amount"/> + <see cref="Description"/>; the client by our id, by the source's own key
/// (<see cref="ClientRef"/>, mapped in settings) or the source's default client.
/// </summary>
public sealed record TriggerInput(
    string? EventId,
    string? Type,
    Guid? ClientId,
    string? ClientRef,
    string? Currency,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    DateOnly? WorkCompletedOn,
    string? Notes,
    IReadOnlyList<LineItemInput?>? LineItems,
    decimal? Amount,
    string? Description,
    bool? Submit);

/// <summary>Turns an event into an invoice input by the source's mapping; bad events name the field at fault.</summary>
internal static class TriggerMapping
{
    public static readonly string[] KnownTypes = ["deal.closed", "milestone.completed", "subscription.renewed"];

    public static InvoiceInput ToInvoice(TriggerInput input, TriggerSource source, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.EventId)) errors["eventId"] = ["eventId is required: the source's own id of this event."];
        else if (input.EventId.Length > TriggerEvent.MaxEventIdLength) errors["eventId"] = [$"eventId must be at most {TriggerEvent.MaxEventIdLength} characters."];
        var allowed = source.Events.Count > 0 ? source.Events : KnownTypes;
        if (input.Type is null || !allowed.Contains(input.Type, StringComparer.Ordinal))
            errors["type"] = [$"type must be one of {string.Join(", ", allowed)} for source {source.Name}."];

        var clientId = input.ClientId;
        if (clientId is null && input.ClientRef is { } reference)
        {
            if (source.Clients.TryGetValue(reference, out var mapped)) clientId = mapped;
            else errors["clientRef"] = [$"Source {source.Name} maps no client '{reference}'."];
        }
        clientId ??= source.ClientId;
        if (clientId is null && !errors.ContainsKey("clientRef")) errors["clientId"] = ["Name the client: clientId, or a clientRef the source maps."];

        var lines = input.LineItems;
        if (lines is null)
        {
            if (input.Amount is null) errors["lineItems"] = ["Give lineItems, or amount and description."];
            else if (string.IsNullOrWhiteSpace(input.Description)) errors["description"] = ["description is required with amount."];
            else lines = [new LineItemInput(input.Description, 1m, input.Amount, source.TaxRate)];
        }
        else if (input.Amount is not null) errors["amount"] = ["Give either lineItems or amount, not both."];
        InputRules.CheckText(errors, "eventId", input.EventId);
        InputRules.CheckText(errors, "description", input.Description);
        // The due date is worked out from the issue date below, so an issue date out of range must stop here.
        InputRules.CheckDate(errors, "issueDate", input.IssueDate);
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var issued = input.IssueDate ?? today;
        return new InvoiceInput(clientId, input.Currency, issued, input.DueDate ?? issued.AddDays(source.PaymentTermsDays), Number: null,
            input.WorkCompletedOn, input.Notes,
            lines!.Select(l => l is null ? null : l with { TaxRate = l.TaxRate ?? source.TaxRate }).ToList());
    }
}
