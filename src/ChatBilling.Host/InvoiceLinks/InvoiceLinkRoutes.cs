using ChatBilling.Core;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Links;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.InvoiceLinks;

public static class InvoiceLinkRoutes
{
    /// <summary>The customer's invoice page and its PDF. Unknown, forged and expired tokens are a bare 404.</summary>
    public static IEndpointRouteBuilder MapInvoiceLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/i/{token}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/i/{token}/pdf", PdfAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PageAsync(
        string token, HttpContext http, InvoiceLinkTokens links, ChatBillingDb db, IOptionsMonitor<SellerSettings> seller,
        TimeProvider time, CancellationToken ct)
    {
        if (await links.ResolveAsync(token, ct) is not { } invoice) return TypedResults.NotFound();
        await links.RecordAsync(invoice, "viewed", http.Request.Headers.UserAgent, ct);
        var client = await db.Clients.FindAsync([invoice.ClientId], ct);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Text(CustomerInvoicePage.Render(invoice, client!, seller.CurrentValue, time.Today(), $"/i/{token}/pdf"), "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PdfAsync(
        string token, HttpContext http, InvoiceLinkTokens links, InvoiceDocuments documents, CancellationToken ct)
    {
        if (await links.ResolveAsync(token, ct) is not { } invoice) return TypedResults.NotFound();
        await links.RecordAsync(invoice, "downloaded", http.Request.Headers.UserAgent, ct);
        return TypedResults.File(await documents.PdfAsync(invoice, ct), "application/pdf", $"{invoice.Number}.pdf");
    }
}
