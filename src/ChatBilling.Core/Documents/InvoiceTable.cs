using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>A slice of a table row placed on a page; long descriptions may continue on the next page without repeating the figures.</summary>
internal readonly record struct RowSlice(PreparedRow Row, int FirstLine, int LineCount, bool WithFigures, float Top)
{
    public float Height => InvoiceTable.RowHeight(LineCount);
}

/// <summary>The line-item table: column geometry, the header band repeated on each page, and the rows.</summary>
internal static class InvoiceTable
{
    // Numeric column widths, right to left; the description column takes what is left.
    private const float AmountWidth = 92f;
    private const float TaxWidth = 48f;
    private const float UnitPriceWidth = 88f;
    private const float QuantityWidth = 50f;

    public static float DescriptionWidth(InvoiceStyle style) =>
        style.ContentWidth - AmountWidth - TaxWidth - UnitPriceWidth - QuantityWidth;

    public static float RowHeight(int lines) => lines * InvoiceStyle.BodyLineHeight + 2 * InvoiceStyle.RowPaddingY;

    public static void DrawHeader(SKCanvas canvas, InvoiceStyle style, float top)
    {
        var left = InvoiceStyle.Margin;
        canvas.DrawRect(left, top, style.ContentWidth, InvoiceStyle.HeaderRowHeight, style.ShadePaint);
        canvas.DrawLine(left, top + InvoiceStyle.HeaderRowHeight, style.Right, top + InvoiceStyle.HeaderRowHeight, style.AccentRulePaint);

        var baseline = top + InvoiceStyle.HeaderRowHeight / 2 + 2.75f;
        canvas.DrawText(InvoiceContent.DescriptionHeader, left + InvoiceStyle.CellPadding, baseline, SKTextAlign.Left, style.Label, style.AccentPaint);
        var edges = NumericRightEdges(style);
        string[] headers = [InvoiceContent.QuantityHeader, InvoiceContent.UnitPriceHeader, InvoiceContent.TaxHeader, InvoiceContent.AmountHeader];
        for (var i = 0; i < headers.Length; i++)
        {
            canvas.DrawText(headers[i], edges[i], baseline, SKTextAlign.Right, style.Label, style.AccentPaint);
        }
    }

    public static void DrawRow(SKCanvas canvas, InvoiceStyle style, RowSlice slice)
    {
        var firstBaseline = slice.Top + InvoiceStyle.RowPaddingY + 8.5f;
        for (var i = 0; i < slice.LineCount; i++)
        {
            var text = slice.Row.DescriptionLines[slice.FirstLine + i];
            var baseline = firstBaseline + i * InvoiceStyle.BodyLineHeight;
            canvas.DrawText(text, InvoiceStyle.Margin + InvoiceStyle.CellPadding, baseline, SKTextAlign.Left, style.Body, style.InkPaint);
        }

        if (slice.WithFigures)
        {
            var edges = NumericRightEdges(style);
            var row = slice.Row;
            canvas.DrawText(row.Quantity, edges[0], firstBaseline, SKTextAlign.Right, style.Body, style.InkPaint);
            canvas.DrawText(row.UnitPrice, edges[1], firstBaseline, SKTextAlign.Right, style.Body, style.InkPaint);
            canvas.DrawText(row.TaxRate, edges[2], firstBaseline, SKTextAlign.Right, style.Body, style.MutedPaint);
            canvas.DrawText(row.Amount, edges[3], firstBaseline, SKTextAlign.Right, style.Body, style.InkPaint);
        }

        var bottom = slice.Top + slice.Height;
        canvas.DrawLine(InvoiceStyle.Margin, bottom, style.Right, bottom, style.RulePaint);
    }

    private static float[] NumericRightEdges(InvoiceStyle style)
    {
        var amount = style.Right - InvoiceStyle.CellPadding;
        var tax = amount - AmountWidth;
        var unitPrice = tax - TaxWidth;
        var quantity = unitPrice - UnitPriceWidth;
        return [quantity, unitPrice, tax, amount];
    }
}
