using ChatBilling.Core.Caching;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Documents;

/// <summary>
/// Links to an invoice's PDF and preview that work without an API key for a limited time, so chat clients
/// (Slack unfurls, Teams image loads, the console) can fetch them. Tokens are Data Protection payloads: a
/// forged or expired one is a plain 404.
/// </summary>
/// <remarks>
/// Signing is random each time, so a token is reused for <see cref="Reuse"/>: without that no two views of a card were
/// the same and the bound card could never be reused (<see cref="Core.Cards.CardTemplates"/>). A reused token lives at
/// most <see cref="Reuse"/> less than a new one would, out of <see cref="Lifetime"/>. Only the token is reused: the
/// link is built on the current <c>PublicBaseUrl</c> every time, so a changed base shows on the next card.
/// </remarks>
public sealed class SignedDocumentLinks(ExpiringTokens tokens, PublicUrls urls, TimeProvider time) : IDocumentLinks
{
    public static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);

    /// <summary>
    /// As long as an invoice can still be acted on from a card (approval, reminders, payment), so a card never shows a
    /// dead "Open PDF": at least 90 days (Teams issue #17 point 6).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    private readonly ExpiringTokens.Protector protector = tokens.For("ChatBilling.DocumentLinks");
    private readonly ClearingMemo<Guid, (string Token, DateTimeOffset MadeAt)> made = new(10_000);

    public string PdfUrl(Guid invoiceId) => urls.To($"/d/{Token(invoiceId)}/invoice.pdf");

    public string PreviewUrl(Guid invoiceId) => urls.To($"/d/{Token(invoiceId)}/preview.png");

    private string Token(Guid invoiceId)
    {
        var now = time.GetUtcNow();
        if (made.TryGet(invoiceId, out var known) && known.MadeAt <= now && now - known.MadeAt < Reuse) return known.Token;
        return made.Set(invoiceId, (protector.Protect(invoiceId.ToString("N"), Lifetime), now)).Token;
    }

    public Guid? Read(string token) => Guid.TryParseExact(protector.Unprotect(token), "N", out var id) ? id : null;
}

public static class SignedDocumentRoutes
{
    public static IEndpointRouteBuilder MapSignedDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/d/{token}/invoice.pdf", PdfAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/d/{token}/preview.png", PreviewAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PdfAsync(
        string token, SignedDocumentLinks links, InvoiceService invoices, InvoiceDocuments documents, CancellationToken ct)
    {
        if (links.Read(token) is not { } id) return TypedResults.NotFound();
        var invoice = await invoices.FindAsync(id, ct);
        return TypedResults.File(await documents.PdfAsync(invoice, ct), "application/pdf", $"{invoice.Number}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PreviewAsync(
        string token, SignedDocumentLinks links, InvoiceService invoices, InvoiceDocuments documents, CancellationToken ct)
    {
        if (links.Read(token) is not { } id) return TypedResults.NotFound();
        return TypedResults.File(await documents.PreviewPngAsync(await invoices.FindAsync(id, ct), ct), "image/png");
    }
}
