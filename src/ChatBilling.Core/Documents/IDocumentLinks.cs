namespace ChatBilling.Core.Documents;

/// <summary>
/// Short-lived, signed links to an invoice's PDF and preview, for cards shown in chat where the viewer
/// carries no API key. The host implements it on <c>PublicBaseUrl</c>.
/// </summary>
public interface IDocumentLinks
{
    string PdfUrl(Guid invoiceId);

    string PreviewUrl(Guid invoiceId);
}
