using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Console;
using ChatBilling.Tests.Infrastructure;
using MimeKit;

namespace ChatBilling.Tests.CustomerLinks;

/// <summary>The customer page on a phone: 390 px wide (an iPhone 14/15 viewport), nothing cut off, no sideways scrolling.</summary>
public sealed partial class CustomerPageBrowserTests : BrowserTest
{
    [Fact]
    public async Task At_390_px_the_page_fits_the_screen_and_shows_every_amount()
    {
        var http = app.Http();
        var client = await (await http.PostAsJsonAsync("/api/clients", new { name = "Internationale Handelsgesellschaft Nordwest mbH & Co. KG", email = "ap@acme.example", currency = "EUR" }))
            .ReadAsync(HttpStatusCode.Created);
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId = client["id"].Str(), issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[]
            {
                new { description = "Consulting: approval workflow design, configuration and rollout for the finance team", quantity = 12.5m, unitPrice = 9.99m, taxRate = 0.2m },
                new { description = "Hosting", quantity = 1m, unitPrice = 49.99m, taxRate = 0.2m },
            },
        }))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var mail = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml")));
        var link = LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value;

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(new Uri(http.BaseAddress!, link).ToString());

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page scrolls sideways");
        var amounts = page.Locator("tbody td.n:not(.q):not(.u):not(.t)");
        Assert.Equal(2, await amounts.CountAsync());
        foreach (var amount in await amounts.AllAsync())
        {
            var box = await amount.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"amount cell at {box.X}+{box.Width}");
        }

        Assert.True(await page.Locator("td.detail").First.IsVisibleAsync());
    }

    [GeneratedRegex(@"(/i/[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
