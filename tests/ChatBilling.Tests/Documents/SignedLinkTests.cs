using System.Net;
using ChatBilling.Core.Documents;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Documents;

/// <summary>Cards link to documents through signed URLs that need no API key; forged ones reveal nothing.</summary>
public sealed class SignedLinkTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers()
        .With("Api:Keys:0:Name", "ops").With("Api:Keys:0:Key", "ops-key-0123456789")
        .With("PublicBaseUrl", "https://billing.example.com/");

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_signed_link_serves_the_frozen_pdf_and_preview_without_a_key()
    {
        var http = app.Http("ops-key-0123456789");
        var id = await http.SubmittedInvoiceAsync(5000);
        var links = app.Services.GetRequiredService<IDocumentLinks>();
        var pdfUrl = new Uri(links.PdfUrl(Guid.Parse(id)));
        Assert.Equal("billing.example.com", pdfUrl.Host);

        var anonymous = app.Http();
        var pdf = await anonymous.GetByteArrayAsync(pdfUrl.PathAndQuery);
        Assert.Equal(await http.GetByteArrayAsync($"/api/invoices/{id}/pdf"), pdf);
        var preview = await anonymous.GetAsync(new Uri(links.PreviewUrl(Guid.Parse(id))).PathAndQuery);
        Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/invoices/{id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_altered_token_is_404()
    {
        var http = app.Http("ops-key-0123456789");
        var id = await http.SubmittedInvoiceAsync(5000);
        var path = new Uri(app.Services.GetRequiredService<IDocumentLinks>().PdfUrl(Guid.Parse(id))).AbsolutePath;
        var token = path.Split('/')[2];
        var altered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var anonymous = app.Http();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/d/{altered}/invoice.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/d/{id}/invoice.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_link_in_a_card_stays_valid_for_90_days_then_expires_on_the_products_clock()
    {
        var http = app.Http("ops-key-0123456789");
        var id = await http.SubmittedInvoiceAsync(5000);
        var path = new Uri(app.Services.GetRequiredService<IDocumentLinks>().PdfUrl(Guid.Parse(id))).AbsolutePath;
        var anonymous = app.Http();
        app.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
    }
}
