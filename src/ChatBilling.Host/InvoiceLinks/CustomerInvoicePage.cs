using System.Text;
using System.Text.Encodings.Web;
using ChatBilling.Core;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Host.InvoiceLinks;

/// <summary>The page a customer sees at <c>/i/{token}</c>: the invoice in plain HTML and a button for its PDF.</summary>
internal static class CustomerInvoicePage
{
    public static string Render(Invoice invoice, Client client, SellerSettings seller, DateOnly today, string pdfPath)
    {
        var f = new InvoiceFormatter(invoice.Currency, client.Locale);
        var h = HtmlEncoder.Default;
        var (badge, badgeClass) = invoice.Status switch
        {
            InvoiceStatus.Paid => ("Paid", "paid"),
            InvoiceStatus.Void => ("Void", "void"),
            _ when invoice.IsOverdue(today) => ($"Overdue since {f.Date(invoice.DueDate)}", "overdue"),
            _ => ($"Due {f.Date(invoice.DueDate)}", "due"),
        };
        var rows = new StringBuilder();
        foreach (var l in invoice.LineItems.OrderBy(l => l.Position))
            rows.Append($"<tr><td>{h.Encode(l.Description)}</td><td class=n>{f.Quantity(l.Quantity)}</td><td class=n>{f.Money(l.UnitPrice)}</td><td class=n>{f.Percent(l.TaxRate)}</td><td class=n>{f.Money(l.Amount)}</td></tr>");
        return $$"""
            <!doctype html>
            <html lang="{{h.Encode(client.Locale)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>Invoice {{h.Encode(invoice.Number)}} from {{h.Encode(seller.Name)}}</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330;margin:0}
            main{max-width:760px;margin:40px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001;padding:40px}
            header{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
            h1{font-size:22px;margin:0 0 4px}.muted{color:#667085}.badge{padding:4px 10px;border-radius:999px;font-size:13px;font-weight:600}
            .due{background:#eef4ff;color:#1d4ed8}.overdue{background:#fef3f2;color:#b42318}.paid{background:#ecfdf3;color:#067647}.void{background:#f2f4f7;color:#475467}
            table{width:100%;border-collapse:collapse;margin:28px 0 8px}th,td{padding:10px 8px;border-bottom:1px solid #eaecf0;text-align:left;font-size:14px}
            th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#667085}.n{text-align:right;white-space:nowrap}
            .totals{margin-left:auto;width:280px}.totals div{display:flex;justify-content:space-between;padding:4px 0}.grand{font-weight:700;font-size:18px;border-top:2px solid #1d2330;margin-top:6px;padding-top:8px!important}
            a.button{display:inline-block;margin-top:28px;background:#1d4ed8;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600}
            </style></head><body><main>
            <header><div><h1>Invoice {{h.Encode(invoice.Number)}}</h1><div class="muted">from {{h.Encode(seller.Name)}} to {{h.Encode(client.Name)}} · issued {{f.Date(invoice.IssueDate)}}</div></div>
            <span class="badge {{badgeClass}}">{{h.Encode(badge)}}</span></header>
            <table><thead><tr><th>Description</th><th class=n>Qty</th><th class=n>Unit price</th><th class=n>Tax</th><th class=n>Amount</th></tr></thead><tbody>{{rows}}</tbody></table>
            <div class="totals"><div><span>Subtotal</span><span>{{f.Money(invoice.Subtotal)}}</span></div><div><span>Tax</span><span>{{f.Money(invoice.Tax)}}</span></div>
            <div class="grand"><span>Total</span><span>{{f.Money(invoice.Total)}}</span></div></div>
            {{(seller.PaymentInstructions is { Length: > 0 } pay ? $"<p class=muted style='white-space:pre-line;margin-top:24px'>{h.Encode(pay)}</p>" : "")}}
            <a class="button" href="{{h.Encode(pdfPath)}}">Download PDF</a>
            </main></body></html>
            """;
    }
}
