using UglyToad.PdfPig;

namespace ChatBilling.Tests.Documents;

/// <summary>Reads a rendered PDF back the way a reader's search would see it.</summary>
internal static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(page => page.Text).ToList();
    }
}
