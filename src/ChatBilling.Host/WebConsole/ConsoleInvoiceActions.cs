using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Payments;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// What the billing team does to invoices in the console. Each goes through the same Core service as the REST
/// API, so it is checked the same way and lands in the history with channel "console".
/// </summary>
internal static class ConsoleInvoiceActions
{
    public static void MapConsoleInvoiceActions(this RouteGroupBuilder api)
    {
        api.MapPost("/invoices", CreateAsync).RequireConsoleHeader().RequireBilling();
        api.MapPut("/invoices/{id:guid}", UpdateAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/invoices/{id:guid}/duplicate", DuplicateAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/invoices/{id:guid}/submit", SubmitAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/invoices/{id:guid}/retry-send", RetryAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/invoices/{id:guid}/resend", ResendAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/invoices/{id:guid}/void", VoidAsync).RequireConsoleHeader().RequireBilling();
        api.MapGet("/payments/unmatched", UnmatchedAsync);
        api.MapPost("/payments", RecordPaymentAsync).RequireConsoleHeader().RequireBilling();
        api.MapPost("/payments/{id:guid}/match", MatchAsync).RequireConsoleHeader().RequireBilling();
    }

    private static async Task<Created<InvoiceResponse>> CreateAsync(InvoiceInput input, InvoiceService invoices, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var invoice = await invoices.CreateAsync(input, user.ConsoleActor(), ct);
        return TypedResults.Created($"/console/api/invoices/{invoice.Id}", InvoiceResponse.From(invoice, time));
    }

    private static async Task<Ok<InvoiceResponse>> UpdateAsync(Guid id, InvoiceInput input, InvoiceService invoices, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await invoices.UpdateAsync(id, input, user.ConsoleActor(), ct), time));

    /// <summary>A new Draft with the same client, lines and notes, dated today with the same payment terms.</summary>
    private static async Task<Created<InvoiceResponse>> DuplicateAsync(Guid id, InvoiceService invoices, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var source = await invoices.FindAsync(id, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var terms = source.DueDate.DayNumber - source.IssueDate.DayNumber;
        var input = new InvoiceInput(source.ClientId, source.Currency, today, today.AddDays(Math.Max(0, terms)), null, null, source.Notes,
            source.LineItems.OrderBy(l => l.Position).Select(l => (LineItemInput?)new LineItemInput(l.Description, l.Quantity, l.UnitPrice, l.TaxRate)).ToList());
        var copy = await invoices.CreateAsync(input, user.ConsoleActor(), ct);
        return TypedResults.Created($"/console/api/invoices/{copy.Id}", InvoiceResponse.From(copy, time));
    }

    private static async Task<Ok<InvoiceResponse>> SubmitAsync(Guid id, ApprovalService approvals, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await approvals.SubmitAsync(id, user.ConsoleActor(), ct), time));

    private static async Task<Ok<InvoiceResponse>> RetryAsync(Guid id, InvoiceOperations retries, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await retries.RetryAsync(id, user.ConsoleActor(), ct), time));

    /// <summary>A Sent invoice emailed to the client again, same document and link; recorded in the history.</summary>
    private static async Task<Ok<InvoiceResponse>> ResendAsync(Guid id, InvoiceOperations operations, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await operations.ResendAsync(id, user.ConsoleActor(), ct), time));

    private static async Task<Ok<InvoiceResponse>> VoidAsync(Guid id, VoidBody body, InvoiceOperations retries, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await retries.VoidAsync(id, body.Reason, user.ConsoleActor(), ct), time));

    private static async Task<Ok<PaymentResponse[]>> UnmatchedAsync(PaymentService payments, CancellationToken ct) =>
        TypedResults.Ok((await payments.ExceptionsAsync(PaymentOutcome.Unmatched, ct)).Where(p => p.InvoiceId is null)
            .Select(p => PaymentResponse.From(p, null)).ToArray());

    private static async Task<Ok<PaymentResponse>> RecordPaymentAsync(PaymentInput input, PaymentService payments, ClaimsPrincipal user, CancellationToken ct)
    {
        var recorded = await payments.RecordAsync(input, user.ConsoleActor(), ct);
        return TypedResults.Ok(PaymentResponse.From(recorded.Payment, recorded.Invoice));
    }

    private static async Task<Ok<PaymentResponse>> MatchAsync(Guid id, PaymentMatch match, PaymentService payments, ClaimsPrincipal user, CancellationToken ct)
    {
        var matched = await payments.MatchAsync(id, match, user.ConsoleActor(), ct);
        return TypedResults.Ok(PaymentResponse.From(matched.Payment, matched.Invoice));
    }
}
