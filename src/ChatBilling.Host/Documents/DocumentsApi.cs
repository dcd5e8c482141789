using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Documents;

public static class DocumentsApi
{
    /// <summary>Signed links for chat cards, and the public base URL they are built on.</summary>
    public static IHostApplicationBuilder AddDocumentLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<Security.ExpiringTokens>();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<SignedDocumentLinks>();
        builder.Services.AddSingleton<IDocumentLinks>(sp => sp.GetRequiredService<SignedDocumentLinks>());
        return builder;
    }

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapSignedDocuments();
        var invoices = app.MapGroup("/api/invoices").RequireAuthorization(ApiKeys.Policy).WithTags("Documents");
        invoices.MapGet("/{id:guid}/pdf", PdfAsync);
        invoices.MapGet("/{id:guid}/preview.png", PreviewAsync);
        return app;
    }

    private static async Task<FileContentHttpResult> PdfAsync(Guid id, InvoiceService invoices, InvoiceDocuments documents, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(id, ct);
        return TypedResults.File(await documents.PdfAsync(invoice, ct), "application/pdf", $"{invoice.Number}.pdf");
    }

    private static async Task<FileContentHttpResult> PreviewAsync(Guid id, InvoiceService invoices, InvoiceDocuments documents, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(id, ct);
        return TypedResults.File(await documents.PreviewPngAsync(invoice, ct), "image/png");
    }
}
