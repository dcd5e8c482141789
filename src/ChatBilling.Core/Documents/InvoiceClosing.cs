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
            // Label and amount share the row: the amount gets the room it needs, the label at least half the row,
            // and whichever does not fit shrinks, so they never overlap.
            var (labelRoom, valueRoom) = Split(style, label, value, style.Body, valueX - labelX);
            style.Draw(canvas, label, labelX, baseline, SKTextAlign.Left, style.Body, style.MutedPaint, labelRoom);
            style.Draw(canvas, value, valueX, baseline, SKTextAlign.Right, style.Body, style.InkPaint, valueRoom);
            y += InvoiceStyle.TotalsRowHeight;
        }

        y += 6f;
        canvas.DrawRect(left, y, InvoiceStyle.TotalsWidth, InvoiceStyle.TotalRowHeight, style.ShadePaint);
        canvas.DrawLine(left, y, style.Right, y, style.AccentRulePaint);
        var totalBaseline = y + InvoiceStyle.TotalRowHeight / 2 + 4f;
        var totalLabel = content.Label("pdf.totalDue");
        var (totalLabelRoom, totalRoom) = Split(style, totalLabel, content.Total, style.Total, valueX - labelX);
        style.Draw(canvas, totalLabel, labelX, totalBaseline, SKTextAlign.Left, style.Total, style.AccentPaint, totalLabelRoom);
        style.Draw(canvas, content.Total, valueX, totalBaseline, SKTextAlign.Right, style.Total, style.AccentPaint, totalRoom);
    }

    private static (float Label, float Value) Split(InvoiceStyle style, string label, string value, float size, float width)
    {
        const float Gap = 8f;
        var room = width - Gap;
        var valueRoom = Math.Min(style.Measure(value, size), room - Math.Min(style.Measure(label, size), room / 2));
        return (room - valueRoom, valueRoom);
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
