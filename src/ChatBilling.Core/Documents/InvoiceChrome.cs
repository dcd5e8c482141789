using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>Everything around the table: the first page's seller, client and invoice details, the slim header of later pages, and the footer.</summary>
internal static class InvoiceChrome
{
    private const float LogoMaxHeight = 44f;
    private const float LogoMaxWidth = 160f;
    private const float SmallLineHeight = 11f;
    private const float MetaLabelWidth = 190f;
    private const float MetaLineHeight = 15f;

    /// <summary>
    /// Draws the first page's header, or with no canvas only measures it: one routine for both keeps the
    /// paginator's idea of where the table starts identical to what is drawn.
    /// </summary>
    /// <returns>The y at which the table may start.</returns>
    public static float FirstPageHeader(SKCanvas? canvas, InvoiceStyle style, InvoiceContent content)
    {
        var left = InvoiceStyle.Margin;
        var y = InvoiceStyle.Margin;
        if (content.Logo is { } logo)
        {
            var scale = Math.Min(LogoMaxHeight / logo.Height, LogoMaxWidth / logo.Width);
            var bounds = SKRect.Create(left, y, logo.Width * scale, logo.Height * scale);
            canvas?.DrawImage(logo, bounds, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            y += bounds.Height + 12f;
        }

        foreach (var line in content.SellerNameLines)
        {
            y += 15f;
            style.Draw(canvas, line, left, y, SKTextAlign.Left, style.SellerName, style.InkPaint);
        }

        y = Lines(canvas, style, content.SellerLines, left, y + 4f);

        var metaBottom = InvoiceMeta(canvas, style, content);
        y = Math.Max(y, metaBottom) + 26f;

        style.Draw(canvas, content.Label("pdf.billTo"), left, y, SKTextAlign.Left, style.Label, style.MutedPaint);
        foreach (var line in content.ClientNameLines)
        {
            y += 13f;
            style.Draw(canvas, line, left, y, SKTextAlign.Left, style.ClientName, style.InkPaint);
        }

        y = Lines(canvas, style, content.ClientLines, left, y + 3f);
        return y + 22f;
    }

    /// <summary>Room left of the invoice title and details for the seller's name and address.</summary>
    public static float SellerColumnWidth(InvoiceStyle style) => style.ContentWidth - MetaLabelWidth - 24f;

    public static float ContinuationHeader(SKCanvas canvas, InvoiceStyle style, InvoiceContent content)
    {
        var baseline = InvoiceStyle.Margin + 10f;
        var number = content.Texts.Format("pdf.continuation", ("number", content.Number));
        var numberWidth = style.Measure(number, style.Body);
        style.Draw(canvas, content.SellerName, InvoiceStyle.Margin, baseline, SKTextAlign.Left, style.Body, style.InkPaint, style.ContentWidth - numberWidth - 12f);
        style.Draw(canvas, number, style.Right, baseline, SKTextAlign.Right, style.Body, style.MutedPaint);
        var rule = InvoiceStyle.Margin + 18f;
        canvas.DrawLine(InvoiceStyle.Margin, rule, style.Right, rule, style.RulePaint);
        return InvoiceStyle.Margin + InvoiceStyle.ContinuationHeaderHeight;
    }

    public static void Footer(SKCanvas canvas, InvoiceStyle style, InvoiceContent content, int page, int pageCount)
    {
        var rule = style.PageHeight - InvoiceStyle.FooterHeight;
        canvas.DrawLine(InvoiceStyle.Margin, rule, style.Right, rule, style.RulePaint);
        var baseline = rule + 16f;
        var pages = content.Texts.Format("pdf.page", ("page", page.ToString(content.Culture)), ("pages", pageCount.ToString(content.Culture)));
        var pagesWidth = style.Measure(pages, style.Small);
        var footer = content.Texts.Format("pdf.footer", ("seller", content.SellerName), ("number", content.Number));
        style.Draw(canvas, footer, InvoiceStyle.Margin, baseline, SKTextAlign.Left, style.Small, style.MutedPaint, style.ContentWidth - pagesWidth - 12f);
        style.Draw(canvas, pages, style.Right, baseline, SKTextAlign.Right, style.Small, style.MutedPaint);
    }

    private static float InvoiceMeta(SKCanvas? canvas, InvoiceStyle style, InvoiceContent content)
    {
        var right = style.Right;
        var y = InvoiceStyle.Margin + 22f;
        style.Draw(canvas, content.Label("pdf.title"), right, y, SKTextAlign.Right, style.Title, style.AccentPaint, MetaLabelWidth);
        y += 12f;
        (string Label, string Value)[] rows =
            [(content.Label("pdf.number"), content.Number), (content.Label("pdf.issueDate"), content.IssueDate), (content.Label("pdf.dueDate"), content.DueDate)];
        foreach (var (label, value) in rows)
        {
            // A long invoice number shrinks to the room its label leaves rather than run over it.
            y += MetaLineHeight;
            var labelWidth = style.Measure(label, style.Body);
            style.Draw(canvas, label, right - MetaLabelWidth, y, SKTextAlign.Left, style.Body, style.MutedPaint, MetaLabelWidth / 2);
            style.Draw(canvas, value, right, y, SKTextAlign.Right, style.Body, style.InkPaint, MetaLabelWidth - Math.Min(labelWidth, MetaLabelWidth / 2) - 8f);
        }

        return y;
    }

    private static float Lines(SKCanvas? canvas, InvoiceStyle style, IReadOnlyList<string> lines, float left, float y)
    {
        foreach (var line in lines)
        {
            y += SmallLineHeight;
            style.Draw(canvas, line, left, y, SKTextAlign.Left, style.Small, style.MutedPaint);
        }

        return y;
    }
}
