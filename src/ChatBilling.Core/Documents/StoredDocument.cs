namespace ChatBilling.Core.Documents;

/// <summary>
/// The document an invoice was submitted with: the exact bytes approvers previewed and the customer receives.
/// Replaced only by a new submission; its hash is recorded in the history.
/// </summary>
public sealed class StoredDocument
{
    public Guid InvoiceId { get; init; }
    public string Sha256 { get; private set; } = "";
    public byte[] Pdf { get; private set; } = [];
    public byte[] PreviewPng { get; private set; } = [];
    public int PageCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal void Replace(byte[] pdf, byte[] previewPng, int pageCount, DateTimeOffset at)
    {
        Sha256 = DocumentHash.Sha256Hex(pdf);
        Pdf = pdf;
        PreviewPng = previewPng;
        PageCount = pageCount;
        CreatedAt = at;
    }
}
