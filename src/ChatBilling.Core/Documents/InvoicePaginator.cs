namespace ChatBilling.Core.Documents;

/// <summary>One page's share of the invoice, with every element's vertical position already decided.</summary>
internal sealed class InvoicePage(bool isFirst, float? tableTop)
{
    public bool IsFirst { get; } = isFirst;

    /// <summary>Where the table header band goes; null on pages after the table has ended.</summary>
    public float? TableTop { get; } = tableTop;

    public List<RowSlice> Rows { get; } = [];

    public float? TotalsTop { get; set; }

    public List<PlacedLine> Closing { get; } = [];
}

/// <summary>
/// Flows the rows, totals and closing notes over pages: the table header repeats on each page that holds rows,
/// a row too tall for any page is split between its description lines, and the totals stay with the last row.
/// </summary>
internal static class InvoicePaginator
{
    public static List<InvoicePage> Paginate(InvoiceStyle style, InvoiceContent content)
    {
        var bottom = style.BodyBottom;
        var firstTop = InvoiceChrome.FirstPageHeader(null, style, content);
        var pages = new List<InvoicePage> { new(true, firstTop) };
        var y = firstTop + InvoiceStyle.HeaderRowHeight;

        float NewPage(bool withTable)
        {
            var top = InvoiceStyle.Margin + InvoiceStyle.ContinuationHeaderHeight;
            pages.Add(new InvoicePage(false, withTable ? top : null));
            return withTable ? top + InvoiceStyle.HeaderRowHeight : top;
        }

        var freshRoom = bottom - (InvoiceStyle.Margin + InvoiceStyle.ContinuationHeaderHeight + InvoiceStyle.HeaderRowHeight);
        foreach (var row in content.Rows)
        {
            var first = 0;
            var remaining = row.DescriptionLines.Count;
            while (remaining > 0)
            {
                var fitting = (int)((bottom - y - 2 * InvoiceStyle.RowPaddingY) / InvoiceStyle.BodyLineHeight);
                var wholeFitsFresh = InvoiceTable.RowHeight(remaining) <= freshRoom;
                if (fitting >= remaining || (!wholeFitsFresh && fitting > 0))
                {
                    var count = Math.Min(fitting, remaining);
                    pages[^1].Rows.Add(new RowSlice(row, first, count, first == 0, y));
                    y += InvoiceTable.RowHeight(count);
                    first += count;
                    remaining -= count;
                }
                else
                {
                    y = NewPage(withTable: true);
                }
            }
        }

        // The totals belong beside the rows they add up: if they do not fit, the last row moves over with them,
        // unless it is the page's only row, which would leave a page holding nothing but a table header.
        if (y + InvoiceClosing.TotalsHeight(content) > bottom)
        {
            var rows = pages[^1].Rows;
            RowSlice? carried = rows.Count > 1 ? rows[^1] : null;
            if (carried is not null)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            y = NewPage(withTable: carried is not null);
            if (carried is { } slice)
            {
                pages[^1].Rows.Add(slice with { Top = y });
                y += slice.Height;
            }
        }

        pages[^1].TotalsTop = y;
        y += InvoiceClosing.TotalsHeight(content);

        var lines = content.ClosingLines;
        for (var i = 0; i < lines.Count; i++)
        {
            // A heading never ends a page: it needs room for its first line too.
            var needed = InvoiceClosing.LineHeight(lines[i]) + (lines[i].IsHeading && i + 1 < lines.Count ? InvoiceStyle.NoteLineHeight : 0);
            if (y + needed > bottom)
            {
                y = NewPage(withTable: false);
            }

            pages[^1].Closing.Add(new PlacedLine(lines[i], y));
            y += InvoiceClosing.LineHeight(lines[i]);
        }

        return pages;
    }
}
