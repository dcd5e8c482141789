using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace ChatBilling.Tests.Documents;

/// <summary>What was approved is what is sent: the document is frozen at submission and its hash recorded.</summary>
public sealed class SubmittedDocumentTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Submitting_freezes_the_pdf_and_records_its_hash()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var pdf = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        var documentEntry = (await http.HistoryAsync(id)).Single(h => h!["action"].Str() == "submitted")!;
        Assert.Contains($"Document sha256 {Sha(pdf)}", documentEntry["detail"].Str());
        Assert.Equal(pdf, await http.GetByteArrayAsync($"/api/invoices/{id}/pdf"));

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.Contains("INV-2026-0001", text);
        Assert.Contains("Acme GmbH", text);
    }

    [Fact]
    public async Task The_preview_is_a_png_teams_accepts()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var response = await http.GetAsync($"/api/invoices/{id}/preview.png");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.Equal(1024, Math.Max(width, height));
    }

    [Fact]
    public async Task An_edit_after_rejection_makes_a_new_document_for_the_next_round()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var first = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "reject", "Rate is wrong")).ReadAsync(HttpStatusCode.OK);

        var clientId = (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["clientId"].Str();
        (await http.PutAsJsonAsync($"/api/invoices/{id}", Rest.Invoice(clientId, unitPrice: 4500))).EnsureSuccessStatusCode();
        var draftPreview = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        Assert.NotEqual(Sha(first), Sha(draftPreview));

        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        var second = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        Assert.Equal(Sha(draftPreview), Sha(second));
        var hashes = (await http.HistoryAsync(id)).Where(h => h!["action"].Str() == "submitted").Select(h => h!["detail"].Str()).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.Contains(Sha(first), hashes[0]);
        Assert.Contains(Sha(second), hashes[1]);
    }
}
