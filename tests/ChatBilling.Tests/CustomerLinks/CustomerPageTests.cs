using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Infrastructure;
using MimeKit;

namespace ChatBilling.Tests.CustomerLinks;

/// <summary>The customer's page shows the document as frozen, what is paid and due, and says plainly when it is void or paid.</summary>
public sealed partial class CustomerPageTests : IDisposable
{
    private readonly BillingApp app = new BillingApp()
        .With("Seller:Name", "Alte Firma GmbH")
        .With("Seller:PaymentInstructions", "IBAN DE02 1203 0000 0000 2020 51");

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_page_is_in_the_clients_language_and_keeps_the_frozen_seller_after_a_settings_change()
    {
        var (id, link) = await SentInvoiceAsync("de-DE");

        using var changed = BillingApp.SharingDatabaseWith(app).With("Seller:Name", "Neue Firma AG").With("Seller:PaymentInstructions", "Bar");
        var html = await (await changed.Http().GetAsync(link)).Content.ReadAsStringAsync();

        Assert.Contains("Alte Firma GmbH", html);
        Assert.DoesNotContain("Neue Firma AG", html);
        Assert.Contains("IBAN DE02 1203 0000 0000 2020 51", html);
        Assert.Contains("lang=\"de\"", html);
        Assert.Contains("Offener Betrag", html);
        Assert.Contains("Bereits bezahlt", html);
        Assert.Contains("PDF herunterladen", html);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task A_void_invoice_says_so_with_its_reason_and_offers_no_payment_or_download()
    {
        var http = app.Http();
        var (id, link) = await SentInvoiceAsync("en-GB");

        (await http.PostAsJsonAsync($"/api/invoices/{id}/void", new { reason = "Issued twice by mistake" })).EnsureSuccessStatusCode();
        var html = await (await http.GetAsync(link)).Content.ReadAsStringAsync();

        Assert.Contains("This invoice has been voided and is no longer payable. Reason: Issued twice by mistake", html);
        Assert.DoesNotContain("IBAN", html);
        Assert.DoesNotContain("Download PDF", html);
        Assert.DoesNotContain("Balance due", html);
    }

    [Fact]
    public async Task A_paid_invoice_says_paid_and_shows_nothing_left_to_pay()
    {
        var http = app.Http();
        var (id, link) = await SentInvoiceAsync("en-GB");
        var invoice = await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);

        (await http.PostAsJsonAsync("/api/payments", new { invoiceId = id, amount = invoice["total"]!.GetValue<decimal>(), paidOn = "2026-11-23", reference = "BANK-1" }))
            .EnsureSuccessStatusCode();
        var html = await (await http.GetAsync(link)).Content.ReadAsStringAsync();

        Assert.Contains("Paid in full. Thank you.", html);
        Assert.Contains("<span>Balance due</span><span>€0.00</span>", html);
        Assert.DoesNotContain("IBAN", html);
    }

    [Fact]
    public async Task The_page_uses_a_stylesheet_file_and_no_inline_style_or_script()
    {
        var http = app.Http();
        var (_, link) = await SentInvoiceAsync("en-GB");

        var html = await (await http.GetAsync(link)).Content.ReadAsStringAsync();
        var css = await http.GetAsync("/invoice-page.css");

        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/invoice-page.css\">", html);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media (max-width:600px)", await css.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "en", "Invoice link not found")]
    [InlineData("/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pdf", "fr-FR,fr;q=0.9", "Lien de facture introuvable")]
    public async Task A_mistyped_or_expired_link_gets_a_friendly_html_404(string path, string acceptLanguage, string title)
    {
        var http = app.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", await response.Content.ReadAsStringAsync());
    }

    // An invoice under the auto-approval limit, sent by the sends job to the pickup folder; the link comes from the email.
    private async Task<(string Id, string Link)> SentInvoiceAsync(string locale)
    {
        var http = app.Http();
        var client = await (await http.PostAsJsonAsync("/api/clients", new { name = "Acme GmbH", email = "billing@acme.example", currency = "EUR", locale }))
            .ReadAsync(HttpStatusCode.Created);
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(client["id"].Str(), unitPrice: 500m)))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        var mail = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml")));
        var link = LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value;
        Assert.NotEmpty(link);
        return (id, link);
    }

    [GeneratedRegex(@"(/i/[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
