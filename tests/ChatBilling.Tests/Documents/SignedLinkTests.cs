using System.Net;
using ChatBilling.Core.Documents;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
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

    [Fact]
    public async Task A_token_is_reused_for_ten_minutes_but_a_changed_public_base_shows_in_the_next_link()
    {
        var http = app.Http("ops-key-0123456789");
        var id = Guid.Parse(await http.SubmittedInvoiceAsync(5000));
        var links = app.Services.GetRequiredService<IDocumentLinks>();
        var first = new Uri(links.PdfUrl(id));

        app.Services.GetRequiredService<IConfiguration>()["PublicBaseUrl"] = "https://pay.example.org";
        var moved = new Uri(links.PdfUrl(id));
        Assert.Equal("pay.example.org", moved.Host);
        Assert.Equal(first.AbsolutePath, moved.AbsolutePath);
        Assert.Equal(new Uri(links.PreviewUrl(id)).AbsolutePath.Split('/')[2], moved.AbsolutePath.Split('/')[2]);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var renewed = new Uri(links.PdfUrl(id));
        Assert.NotEqual(first.AbsolutePath, renewed.AbsolutePath);
        var anonymous = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed.AbsolutePath)).StatusCode);
    }
}
