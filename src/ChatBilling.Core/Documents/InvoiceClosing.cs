using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>A notes or payment-instructions line placed on a page.</summary>
internal readonly record struct PlacedLine(ClosingLine Line, float Top);

/// <summary>What follows the table: the totals box, then notes and payment instructions.</summary>
internal static class InvoiceClosing
{
    public const float TotalsGap = 10f;

    public static float TotalsHeight(InvoiceContent content) =>
        TotalsGap + content.Totals.Count * InvoiceStyle.TotalsRowHeight + 6f + InvoiceStyle.TotalRowHeight;

    public static float LineHeight(ClosingLine line) =>
        line.IsHeading ? InvoiceStyle.SectionGap + InvoiceStyle.NoteLineHeight + 3f : InvoiceStyle.NoteLineHeight;

    public static void DrawTotals(SKCanvas canvas, InvoiceStyle style, InvoiceContent content, float top)
    {
        var left = style.Right - InvoiceStyle.TotalsWidth;
        var labelX = left + InvoiceStyle.CellPadding;
        var valueX = style.Right - InvoiceStyle.CellPadding;
        var y = top + TotalsGap;
        foreach (var (label, value) in content.Totals)
        {
            var baseline = y + InvoiceStyle.TotalsRowHeight / 2 + 3f;
            // Label and amount share the box; the longer of them gives way by shrinking, never by overlapping.
            var valueWidth = style.Measure(value, style.Body);
            style.Draw(canvas, label, labelX, baseline, SKTextAlign.Left, style.Body, style.MutedPaint, Math.Max(InvoiceStyle.TotalsWidth / 2, valueX - labelX - valueWidth - 8f) - 8f);
            style.Draw(canvas, value, valueX, baseline, SKTextAlign.Right, style.Body, style.InkPaint, Math.Max(InvoiceStyle.TotalsWidth / 2, valueX - labelX - style.Measure(label, style.Body) - 8f));
            y += InvoiceStyle.TotalsRowHeight;
        }

        y += 6f;
        canvas.DrawRect(left, y, InvoiceStyle.TotalsWidth, InvoiceStyle.TotalRowHeight, style.ShadePaint);
        canvas.DrawLine(left, y, style.Right, y, style.AccentRulePaint);
        var totalBaseline = y + InvoiceStyle.TotalRowHeight / 2 + 4f;
        var totalLabel = content.Label("pdf.totalDue");
        var room = valueX - labelX - 8f;
        var labelRoom = Math.Min(style.Measure(totalLabel, style.Total), room / 2);
        style.Draw(canvas, totalLabel, labelX, totalBaseline, SKTextAlign.Left, style.Total, style.AccentPaint, labelRoom);
        style.Draw(canvas, content.Total, valueX, totalBaseline, SKTextAlign.Right, style.Total, style.AccentPaint, room - labelRoom);
    }

    public static void DrawLine(SKCanvas canvas, InvoiceStyle style, PlacedLine placed)
    {
        var bottom = placed.Top + LineHeight(placed.Line);
        var baseline = bottom - 3f;
        if (placed.Line.IsHeading)
        {
            style.Draw(canvas, placed.Line.Text, InvoiceStyle.Margin, baseline - 3f, SKTextAlign.Left, style.Label, style.AccentPaint);
        }
        else
        {
            style.Draw(canvas, placed.Line.Text, InvoiceStyle.Margin, baseline, SKTextAlign.Left, style.Small, style.InkPaint);
        }
    }
}
