using ChatBilling.Core.Caching;
using ChatBilling.Core.Documents;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// The signed document links an approval card shows, made once per invoice for a few minutes instead of on every view.
/// Signing is random each time (Data Protection), so without this no two views of a card were the same, and the bound
/// card could never be reused (<see cref="Cards.CardTemplates"/>). A reused link is one made moments ago: it lives
/// <see cref="Reuse"/> less than a new one would, out of many days. One per process.
/// </summary>
public sealed class CardLinks(IDocumentLinks links, TimeProvider time)
{
    public static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);
    private readonly ClearingMemo<Guid, (string Preview, string Pdf, DateTimeOffset MadeAt)> made = new(10_000);

    public string PreviewUrl(Guid invoiceId) => For(invoiceId).Preview;

    public string PdfUrl(Guid invoiceId) => For(invoiceId).Pdf;

    private (string Preview, string Pdf, DateTimeOffset MadeAt) For(Guid invoiceId)
    {
        var now = time.GetUtcNow();
        if (made.TryGet(invoiceId, out var known) && known.MadeAt <= now && now - known.MadeAt < Reuse) return known;
        return made.Set(invoiceId, (links.PreviewUrl(invoiceId), links.PdfUrl(invoiceId), now));
    }
}
