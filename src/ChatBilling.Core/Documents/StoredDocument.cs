namespace ChatBilling.Core.Documents;

/// <summary>
/// The document an invoice was submitted with: the exact bytes approvers previewed and the customer receives.
/// Replaced only by a new submission; its hash is recorded in the history. The seller details, payment
/// instructions, language and logo it was drawn with are kept beside it, so the customer's page agrees with the
/// PDF the customer received even after <c>Seller:*</c> changes.
/// </summary>
public sealed class StoredDocument
{
    public Guid InvoiceId { get; init; }
    public string Sha256 { get; private set; } = "";
    public byte[] Pdf { get; private set; } = [];
    public byte[] PreviewPng { get; private set; } = [];
    public int PageCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The <see cref="SellerSettings"/> drawn on the document, as JSON; empty for documents frozen before it was kept.</summary>
    public string SellerJson { get; private set; } = "";

    /// <summary>The two-letter language of the document's labels.</summary>
    public string Language { get; private set; } = "";

    /// <summary>The logo file's bytes as drawn; null when the seller had none.</summary>
    public byte[]? Logo { get; private set; }

    internal void Freeze(SellerSettings seller, string language, byte[]? logo)
    {
        SellerJson = System.Text.Json.JsonSerializer.Serialize(seller);
        Language = language;
        Logo = logo;
    }

    internal void Replace(byte[] pdf, byte[] previewPng, int pageCount, DateTimeOffset at)
    {
        Sha256 = DocumentHash.Sha256Hex(pdf);
        Pdf = pdf;
        PreviewPng = previewPng;
        PageCount = pageCount;
        CreatedAt = at;
    }
}
