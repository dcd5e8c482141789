using System.Security.Claims;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Http;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Invoices;

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").RequireAuthorization(ApiKeys.Policy).WithTags("Invoices");
        invoices.MapPost("/", CreateAsync);
        invoices.MapGet("/", ListAsync);
        invoices.MapGet("/{id:guid}", GetAsync);
        invoices.MapPut("/{id:guid}", UpdateAsync);
        invoices.MapGet("/{id:guid}/history", HistoryAsync);
        invoices.MapPost("/{id:guid}/retry-send", RetrySendAsync).RequireScope(ApiScopes.Operate);
        invoices.MapPost("/{id:guid}/void", VoidAsync).RequireScope(ApiScopes.Operate);
        return app;
    }

    private static async Task<Created<InvoiceResponse>> CreateAsync(
        InvoiceInput input, InvoiceService invoices, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var invoice = await invoices.CreateAsync(input, user.ApiActor(), ct);
        return TypedResults.Created($"/api/invoices/{invoice.Id}", InvoiceResponse.From(invoice, time));
    }

    private static async Task<Ok<InvoiceResponse>> GetAsync(Guid id, InvoiceService invoices, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await invoices.FindAsync(id, ct), time));

    private static async Task<Ok<InvoiceResponse[]>> ListAsync(
        InvoiceService invoices, TimeProvider time, CancellationToken ct,
        string? status = null, Guid? clientId = null, bool? overdue = null, bool? sent = null, int limit = 50, int offset = 0)
    {
        var parsed = ParseStatus(status);
        Paging.Check(limit, offset);
        var list = await invoices.ListAsync(new InvoiceQuery(parsed, clientId, overdue, sent, limit, offset), ct);
        return TypedResults.Ok(list.Select(i => InvoiceResponse.From(i, time)).ToArray());
    }

    /// <summary>The <c>status</c> filter, shared with the CSV export so both read it alike.</summary>
    internal static InvoiceStatus? ParseStatus(string? status)
    {
        if (string.IsNullOrEmpty(status)) return null;
        if (!Enum.TryParse<InvoiceStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            throw InvalidInputException.For("status", $"'{status}' is not a status; use one of {string.Join(", ", Enum.GetNames<InvoiceStatus>())}.");
        return s;
    }

    private static async Task<Ok<InvoiceResponse>> UpdateAsync(
        Guid id, InvoiceInput input, InvoiceService invoices, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await invoices.UpdateAsync(id, input, user.ApiActor(), ct), time));

    /// <summary>Sends a Failed invoice again (the exception queue's action).</summary>
    private static async Task<Ok<InvoiceResponse>> RetrySendAsync(
        Guid id, InvoiceOperations operations, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await operations.RetryAsync(id, user.ApiActor(), ct), time));

    private static async Task<Ok<InvoiceResponse>> VoidAsync(
        Guid id, VoidBody body, InvoiceOperations operations, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await operations.VoidAsync(id, body.Reason, user.ApiActor(), ct), time));

    private static async Task<Ok<HistoryEntryResponse[]>> HistoryAsync(Guid id, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok((await invoices.HistoryAsync(id, ct)).Select(HistoryEntryResponse.From).ToArray());
}

public sealed record VoidBody(string? Reason);
