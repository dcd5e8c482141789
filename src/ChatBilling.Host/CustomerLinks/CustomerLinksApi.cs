using ChatBilling.Core;
using ChatBilling.Core.Audit;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.CustomerLinks;

public static class CustomerLinksApi
{
    /// <summary>The links put in invoice and reminder emails.</summary>
    public static IHostApplicationBuilder AddCustomerLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ICustomerLinks, CustomerLinkUrls>();
        return builder;
    }

    /// <summary>
    /// The customer's invoice page, its PDF and its frozen logo. Unknown, forged and expired tokens get a friendly
    /// HTML 404 (a person clicked a link; JSON would mean nothing to them).
    /// </summary>
    public static IEndpointRouteBuilder MapCustomerLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/i/{token}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/i/{token}/pdf", PdfAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/i/{token}/logo", LogoAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<ContentHttpResult> PageAsync(
        string token, HttpContext http, CustomerLinkTokens links, ChatBillingDb db, IOptionsMonitor<SellerSettings> seller,
        TimeProvider time, CancellationToken ct)
    {
        if (await links.ResolveAsync(token, ct) is not { } invoice) return NotFound(http);
        await links.RecordAsync(invoice, AuditActions.Viewed, http.Request.Headers.UserAgent, ct);
        var client = await db.Clients.FindAsync([invoice.ClientId], ct);
        var frozen = await db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == invoice.Id)
            .Select(d => new { d.SellerJson, d.Language, HasLogo = d.Logo != null }).FirstOrDefaultAsync(ct);

        // What the customer received wins over today's settings: the seller and language frozen with the document.
        var frozenSeller = frozen is { SellerJson.Length: > 0 } ? System.Text.Json.JsonSerializer.Deserialize<SellerSettings>(frozen.SellerJson) : null;
        var texts = DocumentTexts.For(frozen is { Language.Length: > 0 } ? frozen.Language : client!.Locale);
        var voidReason = invoice.Status == InvoiceStatus.Void
            ? await db.AuditEntries.AsNoTracking().Where(a => a.InvoiceId == invoice.Id && a.Action == AuditActions.Voided)
                .OrderByDescending(a => a.Id).Select(a => a.Detail).FirstOrDefaultAsync(ct)
            : null;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var page = new CustomerPageModel(invoice, client!, frozenSeller ?? seller.CurrentValue, texts, voidReason, frozen?.HasLogo == true, time.Today(), $"/i/{token}");
        return TypedResults.Text(CustomerInvoicePage.Render(page), "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> PdfAsync(
        string token, HttpContext http, CustomerLinkTokens links, InvoiceDocuments documents, CancellationToken ct)
    {
        if (await links.ResolveAsync(token, ct) is not { } invoice) return NotFound(http);
        await links.RecordAsync(invoice, AuditActions.Downloaded, http.Request.Headers.UserAgent, ct);
        return TypedResults.File(await documents.PdfAsync(invoice, ct), "application/pdf", $"{invoice.Number}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> LogoAsync(
        string token, HttpContext http, CustomerLinkTokens links, ChatBillingDb db, CancellationToken ct)
    {
        if (await links.ResolveAsync(token, ct) is not { } invoice) return NotFound(http);
        var logo = await db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == invoice.Id).Select(d => d.Logo).FirstOrDefaultAsync(ct);
        if (logo is null) return NotFound(http);
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(logo, "image/png");
    }

    private static ContentHttpResult NotFound(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var language = http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault(l => l is { Length: > 0 } && l != "*");
        return TypedResults.Content(CustomerInvoicePage.NotFound(DocumentTexts.For(language)), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
