using System.Security.Claims;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Payments;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Payments;

public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/payments").RequireAuthorization(ApiKeys.Policy).WithTags("Payments");
        payments.MapPost("/", RecordAsync);
        payments.MapGet("/{id:guid}", GetAsync);
        payments.MapGet("/", ExceptionsAsync);
        payments.MapPost("/{id:guid}/match", MatchAsync).RequireScope(ApiScopes.Operate);
        return app;
    }

    /// <summary>201 for a new payment, 200 when the same report was recorded before, 202 when no invoice matches (kept as an exception).</summary>
    private static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>, Accepted<PaymentResponse>>> RecordAsync(
        PaymentInput input, PaymentService payments, ClaimsPrincipal user, CancellationToken ct)
    {
        var recorded = await payments.RecordAsync(input, user.ApiActor(), ct);
        var body = PaymentResponse.From(recorded.Payment, recorded.Invoice);
        var location = $"/api/payments/{recorded.Payment.Id}";
        if (!recorded.IsNew) return TypedResults.Ok(body);
        return recorded.Payment.Outcome == PaymentOutcome.Unmatched ? TypedResults.Accepted(location, body) : TypedResults.Created(location, body);
    }

    /// <summary>Applies an unmatched payment to an invoice a person names; 409 once it was counted.</summary>
    private static async Task<Ok<PaymentResponse>> MatchAsync(
        Guid id, PaymentMatch match, PaymentService payments, ClaimsPrincipal user, CancellationToken ct)
    {
        var matched = await payments.MatchAsync(id, match, user.ApiActor(), ct);
        return TypedResults.Ok(PaymentResponse.From(matched.Payment, matched.Invoice));
    }

    private static async Task<Ok<PaymentResponse>> GetAsync(Guid id, PaymentService payments, InvoiceService invoices, CancellationToken ct)
    {
        var payment = await payments.FindAsync(id, ct);
        var invoice = payment.InvoiceId is { } invoiceId ? await invoices.FindAsync(invoiceId, ct) : null;
        return TypedResults.Ok(PaymentResponse.From(payment, invoice));
    }

    /// <summary>The payments that need a person: <c>?outcome=Unmatched|Overpayment|NotApplied</c>, or all of them.</summary>
    private static async Task<Ok<PaymentResponse[]>> ExceptionsAsync(PaymentService payments, CancellationToken ct, string? outcome = null)
    {
        PaymentOutcome? wanted = null;
        if (!string.IsNullOrEmpty(outcome))
        {
            if (!Enum.TryParse<PaymentOutcome>(outcome, ignoreCase: true, out var parsed) || parsed == PaymentOutcome.Applied || int.TryParse(outcome, out _))
                throw InvalidInputException.For("outcome", "outcome is Unmatched, Overpayment or NotApplied.");
            wanted = parsed;
        }
        return TypedResults.Ok((await payments.ExceptionsAsync(wanted, ct)).Select(p => PaymentResponse.From(p, null)).ToArray());
    }
}

public sealed record PaymentResponse(
    Guid Id, Guid? InvoiceId, string InvoiceReference, decimal Amount, string? Currency, DateOnly PaidOn, string Reference,
    PaymentOutcome Outcome, decimal Excess, DateTimeOffset RecordedAt, InvoiceStatus? InvoiceStatus, decimal? AmountPaid, decimal? Balance,
    string? MatchedBy, DateTimeOffset? MatchedAt)
{
    public static PaymentResponse From(Payment p, Invoice? invoice) => new(
        p.Id, p.InvoiceId, p.InvoiceReference, p.Amount, p.Currency, p.PaidOn, p.Reference, p.Outcome, p.Excess, p.RecordedAt,
        invoice?.Status, invoice?.AmountPaid, invoice is null ? null : Math.Max(0, invoice.Total - invoice.AmountPaid), p.MatchedBy, p.MatchedAt);
}
