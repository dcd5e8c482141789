using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace ChatBilling.Tests.Documents;

/// <summary>
/// The buyer's VAT number is part of a valid EU B2B invoice (Directive 2006/112/EC, art. 226(4)), so a client's tax id
/// is printed under its address, labelled in the document's language; a client without one gets no empty label.
/// </summary>
public sealed class ClientTaxIdTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("en-GB", "Tax ID: DE811907980")]
    [InlineData("de-DE", "USt-IdNr.: DE811907980")]
    public async Task A_clients_tax_id_is_printed_under_its_address(string locale, string expected)
    {
        var text = await PdfTextAsync(new { name = "Acme GmbH", email = "ap@acme.example", currency = "EUR", locale, taxId = "DE811907980" });

        Assert.Contains(expected, text);
    }

    [Fact]
    public async Task A_client_without_a_tax_id_gets_no_empty_label()
    {
        var text = await PdfTextAsync(new { name = "Acme GmbH", email = "ap@acme.example", currency = "EUR" });

        // The seller's own tax id is labelled once; the client block adds no second, empty one.
        Assert.Equal(1, text.Split("Tax ID").Length - 1);
    }

    private async Task<string> PdfTextAsync(object client)
    {
        var http = app.Http();
        var created = await (await http.PostAsJsonAsync("/api/clients", client)).ReadAsync(HttpStatusCode.Created);
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(created["id"].Str())))["id"].Str();
        using var document = PdfDocument.Open(await http.GetByteArrayAsync($"/api/invoices/{id}/pdf"));
        return string.Join(" ", document.GetPages().Select(p => p.Text));
    }
}
