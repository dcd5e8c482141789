using System.Text;
using System.Text.Encodings.Web;
using ChatBilling.Core;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Host.CustomerLinks;

/// <summary>What the customer page shows: the invoice, its client, the seller and language frozen with its document.</summary>
internal sealed record CustomerPageModel(
    Invoice Invoice, Client Client, SellerSettings Seller, DocumentTexts Texts, string? VoidReason, bool HasLogo, DateOnly Today, string BasePath);

/// <summary>
/// The page a customer sees at <c>/i/{token}</c>: the invoice in plain HTML in the client's language, with what
/// is paid and what is still due, and a button for its PDF. No inline script or style (the stylesheet is
/// <c>/invoice-page.css</c>), so a strict Content-Security-Policy holds.
/// </summary>
internal static class CustomerInvoicePage
{
    public const string StylesheetPath = "/invoice-page.css";

    public static string Render(CustomerPageModel page)
    {
        var (invoice, client, seller, t) = (page.Invoice, page.Client, page.Seller, page.Texts);
        var f = new InvoiceFormatter(invoice.Currency, client.Locale);
        var h = HtmlEncoder.Default;
        var (badge, badgeClass) = invoice.Status switch
        {
            InvoiceStatus.Paid => (t["page.paid"], "paid"),
            InvoiceStatus.Void => (t["page.void"], "void"),
            _ when invoice.IsOverdue(page.Today) => (t.Format("page.overdue", ("date", f.Date(invoice.DueDate))), "overdue"),
            _ => (t.Format("page.due", ("date", f.Date(invoice.DueDate))), "due"),
        };
        var rows = new StringBuilder();
        foreach (var l in invoice.LineItems.OrderBy(l => l.Position))
        {
            var detail = $"{f.Quantity(l.Quantity)} × {f.Money(l.UnitPrice)} · {f.Percent(l.TaxRate)}";
            rows.Append($"<tr><td class=d>{h.Encode(l.Description)}</td><td class=\"n q\">{f.Quantity(l.Quantity)}</td><td class=\"n u\">{f.Money(l.UnitPrice)}</td>")
                .Append($"<td class=\"n t\">{f.Percent(l.TaxRate)}</td><td class=detail>{h.Encode(detail)}</td><td class=n>{f.Money(l.Amount)}</td></tr>");
        }

        var isVoid = invoice.Status == InvoiceStatus.Void;
        var notice = invoice.Status switch
        {
            InvoiceStatus.Void => $"<p class=\"notice void\" role=status>{h.Encode(page.VoidReason is { Length: > 0 } reason ? t.Format("page.voidedReason", ("reason", reason)) : t["page.voided"])}</p>",
            InvoiceStatus.Paid => $"<p class=\"notice paid\" role=status>{h.Encode(t["page.paidNote"])}</p>",
            _ => "",
        };

        // A void invoice is not payable: no payment instructions, no balance, no download.
        var balance = isVoid ? "" :
            $"<div><span>{h.Encode(t["page.amountPaid"])}</span><span>{f.Money(invoice.AmountPaid)}</span></div>" +
            $"<div class=balance><span>{h.Encode(t["page.balanceDue"])}</span><span>{f.Money(Math.Max(0m, invoice.Total - invoice.AmountPaid))}</span></div>";
        var pay = !isVoid && invoice.Status != InvoiceStatus.Paid && seller.PaymentInstructions is { Length: > 0 } instructions
            ? $"<p class=pay>{h.Encode(instructions)}</p>" : "";
        var download = isVoid ? "" : $"<a class=\"button\" href=\"{h.Encode(page.BasePath + "/pdf")}\">{h.Encode(t["page.download"])}</a>";
        var logo = page.HasLogo ? $"<img class=logo src=\"{h.Encode(page.BasePath + "/logo")}\" alt=\"{h.Encode(seller.Name)}\">" : "";
        var sellerLines = string.Join("\n", seller.AddressLines.Append(seller.TaxId is { Length: > 0 } tax ? $"{t["pdf.taxId"]}: {tax}" : "").Append(seller.Email).Where(s => s.Length > 0));
        var title = t.Format("page.title", ("number", invoice.Number), ("seller", seller.Name));
        var fromTo = t.Format("page.fromTo", ("seller", seller.Name), ("client", client.Name), ("date", f.Date(invoice.IssueDate)));
        return $$"""
            <!doctype html>
            <html lang="{{h.Encode(t.Language)}}" dir="auto"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{h.Encode(title)}}</title>
            <link rel="stylesheet" href="{{StylesheetPath}}"></head><body><main>
            <header><div>{{logo}}<h1>{{h.Encode(t.Format("pdf.continuation", ("number", invoice.Number)))}}</h1><div class="muted">{{h.Encode(fromTo)}}</div></div>
            <span class="badge {{badgeClass}}">{{h.Encode(badge)}}</span></header>
            {{notice}}
            <div class="seller muted">{{h.Encode(sellerLines)}}</div>
            <table><thead><tr><th>{{h.Encode(t["pdf.description"])}}</th><th class="n q">{{h.Encode(t["pdf.quantity"])}}</th><th class="n u">{{h.Encode(t["pdf.unitPrice"])}}</th><th class="n t">{{h.Encode(t["pdf.tax"])}}</th><th class="detail"></th><th class=n>{{h.Encode(t["pdf.amount"])}}</th></tr></thead><tbody>{{rows}}</tbody></table>
            <div class="totals"><div><span>{{h.Encode(t["page.subtotal"])}}</span><span>{{f.Money(invoice.Subtotal)}}</span></div><div><span>{{h.Encode(t["page.tax"])}}</span><span>{{f.Money(invoice.Tax)}}</span></div>
            <div class="grand"><span>{{h.Encode(t["page.total"])}}</span><span>{{f.Money(invoice.Total)}}</span></div>{{balance}}</div>
            {{pay}}
            {{download}}
            </main></body></html>
            """;
    }

    /// <summary>The friendly page for a mistyped, forged or expired link, in the reader's language when it is one we have.</summary>
    public static string NotFound(DocumentTexts t)
    {
        var h = HtmlEncoder.Default;
        return $$"""
            <!doctype html>
            <html lang="{{h.Encode(t.Language)}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{h.Encode(t["page.notFoundTitle"])}}</title>
            <link rel="stylesheet" href="{{StylesheetPath}}"></head><body><main>
            <h1>{{h.Encode(t["page.notFoundTitle"])}}</h1><p class="muted">{{h.Encode(t["page.notFoundText"])}}</p>
            </main></body></html>
            """;
    }
}
