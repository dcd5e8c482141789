using ChatBilling.Core;
using ChatBilling.Core.Exports;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Security;

namespace ChatBilling.Host.Exports;

/// <summary>
/// CSV exports for spreadsheets and accounting tools: <c>GET /api/exports/invoices.csv</c> takes the filters of
/// <c>GET /api/invoices</c> (every match, no paging) and <c>GET /api/exports/history.csv</c> the audit trail.
/// </summary>
public static class ExportsApi
{
    private const string CsvType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").RequireAuthorization(ApiKeys.Policy).WithTags("Exports");
        exports.MapGet("/invoices.csv", Invoices);
        exports.MapGet("/history.csv", History);
        return app;
    }

    // Filters are checked before the first byte is written, so bad input is still a problem details answer.
    private static IResult Invoices(CsvExports exports, HttpContext http, TimeProvider time,
        string? status = null, Guid? clientId = null, bool? overdue = null, bool? sent = null)
    {
        var query = new InvoiceQuery(InvoicesApi.ParseStatus(status), clientId, overdue, sent);
        return TypedResults.Stream((stream) => exports.WriteInvoicesAsync(query, stream, http.RequestAborted),
            CsvType, $"invoices-{time.Today():yyyy-MM-dd}.csv");
    }

    private static IResult History(CsvExports exports, HttpContext http, TimeProvider time,
        Guid? invoiceId = null, DateOnly? from = null, DateOnly? to = null)
    {
        if (from is { } f && to is { } t && t < f) throw InvalidInputException.For("to", "to cannot be before from.");
        var query = new HistoryQuery(invoiceId, from, to);
        return TypedResults.Stream((stream) => exports.WriteHistoryAsync(query, stream, http.RequestAborted),
            CsvType, $"history-{time.Today():yyyy-MM-dd}.csv");
    }
}
