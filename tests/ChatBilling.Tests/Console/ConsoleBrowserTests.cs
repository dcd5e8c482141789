using ChatBilling.Tests.Approvals;
using Microsoft.EntityFrameworkCore;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Console;

/// <summary>A person's path through the console in real Chromium (Debian's, driven by Playwright).</summary>
public sealed class ConsoleBrowserTests : BrowserTest
{
    [Fact]
    public async Task Sign_in_see_the_preview_approve_and_ask_what_is_overdue()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync(name: "Late Payer Ltd"))["id"].Str();
        var overdueId = Guid.Parse((await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 300, issueDate: "2026-10-01", dueDate: "2026-10-31")))["id"].Str());
        await app.MarkSentAsync(overdueId.ToString());
        await http.SubmittedInvoiceAsync(5000);

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(http.BaseAddress!, "/console").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Dana Approver" }).ClickAsync();

        var card = page.Locator(".card[data-template='approval-request']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("INV-2026-0002");
        var preview = card.Locator("img").First;
        await Expect(preview).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await preview.ElementHandleAsync());
        Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") >= 700);
        await Expect(page.Locator("#inbox-count")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "chatbilling-console-inbox.png"), FullPage = true });

        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var decided = page.Locator(".card[data-template='decided']");
        await Expect(decided).ToContainTextAsync("Approved by Dana Approver");
        await Expect(page.Locator("#toast")).ToContainTextAsync("INV-2026-0002 approved");
        await Expect(page.Locator("#inbox-count")).ToHaveTextAsync("0");
        Assert.Equal("Approved", await http.StatusAsync(await InvoiceIdAsync("INV-2026-0002")));

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask the bot" }).ClickAsync();
        await page.Locator(".chip[data-q='overdue']").ClickAsync();
        var answer = page.Locator(".bubble.bot.card-answer").Last;
        await Expect(answer).ToContainTextAsync("INV-2026-0001");
        await Expect(answer).ToContainTextAsync("Late Payer Ltd");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "chatbilling-console-ask.png"), FullPage = true });
    }

    private Task<string> InvoiceIdAsync(string number) =>
        app.WithDbAsync(async db => (await db.Invoices.SingleAsync(i => i.Number == number)).Id.ToString());
}
