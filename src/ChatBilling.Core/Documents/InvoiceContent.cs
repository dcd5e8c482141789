using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>One table row's text: the wrapped description and the figures (quantity, unit price, tax rate, amount).</summary>
internal sealed record PreparedRow(IReadOnlyList<string> DescriptionLines, string[] Figures);

/// <summary>A line after the totals: a section heading (Notes, Payment instructions) or one wrapped line of it.</summary>
internal readonly record struct ClosingLine(string Text, bool IsHeading);

/// <summary>
/// The model turned into the exact strings the page shows: formatted for the locale and currency,
/// stripped of characters the font lacks, and wrapped to the column widths of the page.
/// </summary>
internal sealed class InvoiceContent
{
    public InvoiceContent(InvoiceDocumentModel model, InvoiceStyle style, InvoiceFormatter format, SKImage? logo)
    {
        var seller = model.Seller;
        var t = Texts = DocumentTexts.For(model.Language ?? model.Locale);
        Culture = format.Culture;
        Logo = logo;
        SellerName = style.Drawable(seller.Name);
        var sellerWidth = InvoiceChrome.SellerColumnWidth(style);
        SellerNameLines = TextWrapper.Wrap(seller.Name, style, style.SellerName, sellerWidth);
        SellerLines = Wrapped(seller.AddressLines.Append(Labelled(t["pdf.taxId"], seller.TaxId)).Append(seller.Email), style, sellerWidth);
        ClientNameLines = TextWrapper.Wrap(model.Client.Name, style, style.ClientName, style.ContentWidth);
        ClientLines = Wrapped(model.Client.AddressLines.Append(Labelled(t["pdf.taxId"], model.Client.TaxId)).Append(model.Client.Email ?? string.Empty),
            style, style.ContentWidth);
        Number = style.Drawable(model.Number);

        // Formatted values pass the font guard too: a culture's separators or signs are not guaranteed to be in the font.
        string Money(decimal amount) => style.Drawable(format.Money(amount));
        string Percent(decimal rate) => style.Drawable(format.Percent(rate));
        IssueDate = style.Drawable(format.Date(model.IssueDate));
        DueDate = style.Drawable(format.Date(model.DueDate));

        var figures = model.Lines
            .Select(line => new[] { style.Drawable(format.Quantity(line.Quantity)), Money(line.UnitPrice), Percent(line.TaxRate), Money(line.Amount) })
            .ToList();
        Columns = new TableColumns(style, Texts, figures);
        var descriptionWidth = Columns.DescriptionWidth - 2 * InvoiceStyle.CellPadding;
        Rows = model.Lines
            .Select((line, i) => new PreparedRow(TextWrapper.Wrap(line.Description, style, style.Body, descriptionWidth), figures[i]))
            .ToList();

        Totals = [(style.Drawable(t["pdf.subtotal"]), Money(model.Subtotal)),
            .. model.Taxes.Select(tax => (style.Drawable(t.Format("pdf.taxLine", ("rate", Percent(tax.Rate)), ("base", Money(tax.TaxableAmount)))), Money(tax.Tax)))];
        Total = Money(model.Total);
        ClosingLines = [.. Section(t["pdf.notes"], model.Notes, style), .. Section(t["pdf.paymentInstructions"], seller.PaymentInstructions, style)];
        Label = key => style.Drawable(t[key]);
    }

    /// <summary>The document's language, from the frozen language or the client's locale.</summary>
    public DocumentTexts Texts { get; }

    /// <summary>A label in the document's language, made drawable.</summary>
    public Func<string, string> Label { get; }

    public System.Globalization.CultureInfo Culture { get; }

    public SKImage? Logo { get; }

    /// <summary>The seller's name on one line, for the slim header and footer of every page.</summary>
    public string SellerName { get; }

    public IReadOnlyList<string> SellerNameLines { get; }

    public IReadOnlyList<string> SellerLines { get; }

    public IReadOnlyList<string> ClientNameLines { get; }

    public IReadOnlyList<string> ClientLines { get; }

    public string Number { get; }

    public string IssueDate { get; }

    public string DueDate { get; }

    public TableColumns Columns { get; }

    public IReadOnlyList<PreparedRow> Rows { get; }

    public IReadOnlyList<(string Label, string Value)> Totals { get; }

    public string Total { get; }

    public IReadOnlyList<ClosingLine> ClosingLines { get; }

    private static string Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : $"{label}: {value}";

    private static string[] Wrapped(IEnumerable<string> lines, InvoiceStyle style, float width) =>
        lines.Where(line => !string.IsNullOrWhiteSpace(line)).SelectMany(line => TextWrapper.Wrap(line, style, style.Small, width)).ToArray();

    private static IEnumerable<ClosingLine> Section(string heading, string? text, InvoiceStyle style)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var lines = TextWrapper.Wrap(text.Trim(), style, style.Small, style.ContentWidth);
        return lines.Select(line => new ClosingLine(line, false)).Prepend(new ClosingLine(heading, true));
    }
}
