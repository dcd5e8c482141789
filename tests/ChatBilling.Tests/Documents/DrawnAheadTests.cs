using System.Net.Http.Json;
using System.Security.Cryptography;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Documents;

/// <summary>
/// A submission draws its document before it takes the invoice's lock; the freeze inside the lock keeps that drawing
/// only when nothing it was drawn from changed, so the frozen bytes are always those of the invoice as submitted.
/// </summary>
public sealed class DrawnAheadTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_drawing_of_unchanged_content_is_frozen_as_it_is_without_drawing_again()
    {
        var (_, id) = await DraftAsync();
        var drawn = await WithDocumentsAsync((documents, _) => documents.DrawAheadAsync(id));

        var frozen = await FreezeAsync(id, drawn);

        Assert.NotNull(drawn);
        Assert.Same(drawn.Rendered.Pdf, frozen.Pdf);
        Assert.Same(drawn.Rendered.Preview, frozen.PreviewPng);
        Assert.Equal(Sha(drawn.Rendered.Pdf), frozen.Sha256);
    }

    [Fact]
    public async Task An_edit_between_the_drawing_and_the_freeze_is_drawn_again()
    {
        var (http, id) = await DraftAsync();
        var drawn = await WithDocumentsAsync((documents, _) => documents.DrawAheadAsync(id));
        var clientId = (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(System.Net.HttpStatusCode.OK))["clientId"].Str();
        (await http.PutAsJsonAsync($"/api/invoices/{id}", Rest.Invoice(clientId, unitPrice: 4500))).EnsureSuccessStatusCode();
        var edited = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");

        var frozen = await FreezeAsync(id, drawn);

        Assert.NotEqual(Sha(drawn!.Rendered.Pdf), frozen.Sha256);
        Assert.Equal(Sha(edited), frozen.Sha256);
        Assert.Equal(edited, frozen.Pdf);
    }

    [Fact]
    public async Task A_submission_freezes_the_same_bytes_the_draft_showed()
    {
        var (http, id) = await DraftAsync();
        var draft = await http.GetByteArrayAsync($"/api/invoices/{id}/pdf");
        var draftPreview = await http.GetByteArrayAsync($"/api/invoices/{id}/preview.png");

        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();

        Assert.Equal(draft, await http.GetByteArrayAsync($"/api/invoices/{id}/pdf"));
        Assert.Equal(draftPreview, await http.GetByteArrayAsync($"/api/invoices/{id}/preview.png"));
        var stored = await app.WithDbAsync(db => db.StoredDocuments.AsNoTracking().SingleAsync(d => d.InvoiceId == id));
        Assert.Equal(Sha(draft), stored.Sha256);
    }

    private async Task<(HttpClient Http, Guid Id)> DraftAsync()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 5000)))["id"].Str();
        return (http, Guid.Parse(id));
    }

    /// <summary>Freezes the invoice as it is now in the store, with the drawing given, and saves it.</summary>
    private Task<StoredDocument> FreezeAsync(Guid id, DrawnDocument? drawn) => WithDocumentsAsync(async (documents, db) =>
    {
        var invoice = await db.Invoices.SingleAsync(i => i.Id == id);
        var document = await documents.FreezeAsync(invoice, drawn);
        await db.SaveChangesAsync();
        return document;
    });

    private async Task<T> WithDocumentsAsync<T>(Func<InvoiceDocuments, ChatBillingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<InvoiceDocuments>(), scope.ServiceProvider.GetRequiredService<ChatBillingDb>());
    }
}
