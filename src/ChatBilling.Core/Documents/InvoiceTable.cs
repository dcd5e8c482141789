using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>A slice of a table row placed on a page; long descriptions may continue on the next page without repeating the figures.</summary>
internal readonly record struct RowSlice(PreparedRow Row, int FirstLine, int LineCount, bool WithFigures, float Top)
{
    public float Height => InvoiceTable.RowHeight(LineCount);
}

/// <summary>
/// Where the table's columns sit. The numeric columns are as wide as their widest figure (with a floor,
/// so ordinary invoices look alike) and the description takes whatever is left.
/// </summary>
internal sealed class TableColumns
{
    private static readonly string[] FigureHeaderKeys = ["pdf.quantity", "pdf.unitPrice", "pdf.tax", "pdf.amount"];

    // Floors for quantity, unit price, tax rate and amount, in points of text width.
    private static readonly float[] MinimumWidths = [26f, 56f, 30f, 64f];

    public TableColumns(InvoiceStyle style, DocumentTexts texts, IReadOnlyList<string[]> figures)
    {
        DescriptionHeader = style.Drawable(texts["pdf.description"]);
        FigureHeaders = [.. FigureHeaderKeys.Select(key => style.Drawable(texts[key]))];
        RightEdges = new float[FigureHeaders.Length];
        var right = style.Right - InvoiceStyle.CellPadding;
        for (var column = FigureHeaders.Length - 1; column >= 0; column--)
        {
            var width = Math.Max(MinimumWidths[column], style.Measure(FigureHeaders[column], style.Label));
            foreach (var row in figures)
            {
                width = Math.Max(width, style.Measure(row[column], style.Body));
            }

            RightEdges[column] = right;
            right -= width + 2 * InvoiceStyle.CellPadding;
        }

        DescriptionWidth = right + InvoiceStyle.CellPadding - InvoiceStyle.Margin;
    }

    public string DescriptionHeader { get; }

    /// <summary>Headers of quantity, unit price, tax rate and amount, in the document's language.</summary>
    public string[] FigureHeaders { get; }

    /// <summary>Right edge of each figure column's text, in <see cref="FigureHeaders"/> order.</summary>
    public float[] RightEdges { get; }

    /// <summary>Width of the description column, padding included.</summary>
    public float DescriptionWidth { get; }
}

/// <summary>The line-item table: the header band repeated on each page, and the rows.</summary>
internal static class InvoiceTable
{
    public static float RowHeight(int lines) => lines * InvoiceStyle.BodyLineHeight + 2 * InvoiceStyle.RowPaddingY;

    public static void DrawHeader(SKCanvas canvas, InvoiceStyle style, TableColumns columns, float top)
    {
        var left = InvoiceStyle.Margin;
        var bottom = top + InvoiceStyle.HeaderRowHeight;
        canvas.DrawRect(left, top, style.ContentWidth, InvoiceStyle.HeaderRowHeight, style.ShadePaint);
        canvas.DrawLine(left, bottom, style.Right, bottom, style.AccentRulePaint);

        var baseline = top + InvoiceStyle.HeaderRowHeight / 2 + 2.75f;
        style.Draw(canvas, columns.DescriptionHeader, left + InvoiceStyle.CellPadding, baseline, SKTextAlign.Left, style.Label, style.AccentPaint);
        for (var i = 0; i < columns.FigureHeaders.Length; i++)
        {
            style.Draw(canvas, columns.FigureHeaders[i], columns.RightEdges[i], baseline, SKTextAlign.Right, style.Label, style.AccentPaint);
        }
    }

    public static void DrawRow(SKCanvas canvas, InvoiceStyle style, TableColumns columns, RowSlice slice)
    {
        var firstBaseline = slice.Top + InvoiceStyle.RowPaddingY + 8.5f;
        for (var i = 0; i < slice.LineCount; i++)
        {
            var text = slice.Row.DescriptionLines[slice.FirstLine + i];
            var baseline = firstBaseline + i * InvoiceStyle.BodyLineHeight;
            style.Draw(canvas, text, InvoiceStyle.Margin + InvoiceStyle.CellPadding, baseline, SKTextAlign.Left, style.Body, style.InkPaint);
        }

        if (slice.WithFigures)
        {
            var figures = slice.Row.Figures;
            for (var i = 0; i < figures.Length; i++)
            {
                // The tax rate is context rather than a figure the reader adds up, so it is set back in grey.
                var paint = i == 2 ? style.MutedPaint : style.InkPaint;
                style.Draw(canvas, figures[i], columns.RightEdges[i], firstBaseline, SKTextAlign.Right, style.Body, paint);
            }
        }

        var bottom = slice.Top + slice.Height;
        canvas.DrawLine(InvoiceStyle.Margin, bottom, style.Right, bottom, style.RulePaint);
    }
}
