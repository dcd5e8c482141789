using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// An invoice laid out for its paper size: the single drawing routine behind both the PDF and the PNG preview.
/// Disposing releases the per-render fonts and paints.
/// </summary>
internal sealed class InvoiceLayout : IDisposable
{
    private readonly DocumentText text;
    private readonly InvoiceStyle style;
    private readonly InvoiceContent content;
    private readonly List<InvoicePage> pages;

    public InvoiceLayout(InvoiceDocumentModel model, TextShaper shaper, SKImage? logo)
    {
        ArgumentNullException.ThrowIfNull(model);
        var format = new InvoiceFormatter(model.Currency, model.Locale);
        text = new DocumentText(shaper);
        style = new InvoiceStyle(text, model.PaperSize);
        content = new InvoiceContent(model, style, format, logo);
        pages = InvoicePaginator.Paginate(style, content);
    }

    public int PageCount => pages.Count;

    public float PageWidth => style.PageWidth;

    public float PageHeight => style.PageHeight;

    /// <summary>The page (0-based) holding the totals box and the y where the box starts.</summary>
    public (int Page, float Top) TotalsPlacement
    {
        get
        {
            var index = pages.FindIndex(p => p.TotalsTop is not null);
            return (index, pages[index].TotalsTop!.Value);
        }
    }

    /// <summary>Switches to fonts holding only this document's glyphs, found by a dry run of every page.</summary>
    public void UseFontSubsets()
    {
        using var dry = new SKNoDrawCanvas((int)PageWidth, (int)PageHeight);
        text.Collect(true);
        for (var i = 0; i < pages.Count; i++)
        {
            DrawPage(dry, i);
        }

        text.Collect(false);
        text.UseSubsets();
    }

    /// <summary>Draws one page (0-based) in points, with the origin at the page's top-left corner.</summary>
    public void DrawPage(SKCanvas canvas, int index)
    {
        var page = pages[index];
        text.BeginPage();
        if (page.IsFirst)
        {
            InvoiceChrome.FirstPageHeader(canvas, style, content);
        }
        else
        {
            InvoiceChrome.ContinuationHeader(canvas, style, content);
        }

        if (page.TableTop is { } tableTop)
        {
            InvoiceTable.DrawHeader(canvas, style, content.Columns, tableTop);
        }

        foreach (var row in page.Rows)
        {
            InvoiceTable.DrawRow(canvas, style, content.Columns, row);
        }

        if (page.TotalsTop is { } totalsTop)
        {
            InvoiceClosing.DrawTotals(canvas, style, content, totalsTop);
        }

        foreach (var line in page.Closing)
        {
            InvoiceClosing.DrawLine(canvas, style, line);
        }

        InvoiceChrome.Footer(canvas, style, content, index + 1, pages.Count);
        text.EndPage(canvas);
    }

    public void Dispose()
    {
        style.Dispose();
        text.Dispose();
    }
}
