using System.Net;
using System.Text;
using ChatBilling.Core.Documents;

namespace ChatBilling.Bench.Documents;

/// <summary>
/// The same invoice as an HTML page with print CSS, the way an HTML-to-PDF pipeline would produce it,
/// so the Chromium timing compares like with like. Formatting reuses <see cref="InvoiceFormatter"/>.
/// </summary>
internal static class InvoiceHtml
{
    private const string Css = """
        @page { size: A4; margin: 17mm; }
        body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1f2937; margin: 0; }
        header { display: flex; justify-content: space-between; }
        h1 { font-weight: normal; font-size: 24pt; color: #1e3a5f; margin: 0 0 8pt; text-align: right; }
        .muted { color: #6b7280; font-size: 8pt; line-height: 11pt; }
        .seller { font-size: 14pt; }
        .client { font-size: 11pt; margin-top: 4pt; }
        table { width: 100%; border-collapse: collapse; margin-top: 22pt; }
        th { background: #f2f5f8; color: #1e3a5f; font-weight: normal; font-size: 7.5pt; text-align: right;
             padding: 6pt; border-bottom: 1.25pt solid #1e3a5f; }
        td { padding: 5.5pt 6pt; border-bottom: 0.75pt solid #e2e6eb; text-align: right; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        .totals { width: 250pt; margin-left: auto; margin-top: 10pt; }
        .totals div { display: flex; justify-content: space-between; padding: 3pt 6pt; }
        .total { background: #f2f5f8; border-top: 1.25pt solid #1e3a5f; font-size: 12pt; color: #1e3a5f; margin-top: 6pt; }
        h2 { font-weight: normal; font-size: 7.5pt; color: #1e3a5f; margin: 18pt 0 3pt; }
        p { font-size: 8pt; margin: 0; white-space: pre-line; }
        """;

    public static string Render(InvoiceDocumentModel model)
    {
        var format = new InvoiceFormatter(model.Currency, model.Locale);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{Css}</style></head><body><header><div>");
        html.Append($"<div class=\"seller\">{E(model.Seller.Name)}</div><div class=\"muted\">");
        foreach (var line in model.Seller.AddressLines.Append($"Tax ID: {model.Seller.TaxId}").Append(model.Seller.Email))
        {
            html.Append(E(line)).Append("<br>");
        }

        html.Append($"</div></div><div><h1>INVOICE</h1><div class=\"muted\">Invoice no. {E(model.Number)}<br>");
        html.Append($"Issue date {format.Date(model.IssueDate)}<br>Due date {format.Date(model.DueDate)}</div></div></header>");
        html.Append($"<div class=\"muted\" style=\"margin-top:22pt\">Bill to</div><div class=\"client\">{E(model.Client.Name)}</div><div class=\"muted\">");
        foreach (var line in model.Client.AddressLines.Append(model.Client.Email ?? string.Empty))
        {
            html.Append(E(line)).Append("<br>");
        }

        html.Append("</div><table><thead><tr><th>Description</th><th>Qty</th><th>Unit price</th><th>Tax</th><th>Amount</th></tr></thead><tbody>");
        foreach (var line in model.Lines)
        {
            html.Append($"<tr><td>{E(line.Description)}</td><td>{format.Quantity(line.Quantity)}</td><td>{format.Money(line.UnitPrice)}</td>");
            html.Append($"<td>{format.Percent(line.TaxRate)}</td><td>{format.Money(line.Amount)}</td></tr>");
        }

        html.Append($"</tbody></table><div class=\"totals\"><div><span>Subtotal</span><span>{format.Money(model.Subtotal)}</span></div>");
        foreach (var tax in model.Taxes)
        {
            html.Append($"<div><span>Tax {format.Percent(tax.Rate)} on {format.Money(tax.TaxableAmount)}</span><span>{format.Money(tax.Tax)}</span></div>");
        }

        html.Append($"<div class=\"total\"><span>Total due</span><span>{format.Money(model.Total)}</span></div></div>");
        html.Append($"<h2>Notes</h2><p>{E(model.Notes ?? string.Empty)}</p>");
        html.Append($"<h2>Payment instructions</h2><p>{E(model.Seller.PaymentInstructions ?? string.Empty)}</p></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
