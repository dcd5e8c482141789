using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Console;

/// <summary>
/// The billing team's whole path in real Chromium: a finance person makes a client and an invoice at laptop
/// width, previews and submits it; an approver approves it at phone width; it is sent; a payment is recorded and
/// an unmatched one matched. axe-core checks every screen at 1400 and 390 px.
/// </summary>
public sealed class ConsoleWalkBrowserTests : BrowserTest
{
    private static readonly string[] Screens = ["inbox", "invoices", "clients", "payments", "exceptions", "schedules", "dashboard", "ask"];

    [Fact]
    public async Task Finance_makes_and_submits_an_invoice_an_approver_approves_on_a_phone_and_payments_are_placed()
    {
        var http = app.Http();
        var bea = await SignedInAsync("Bea Billing", 1400);

        // A client whose name is markup: it must show as text, never as HTML.
        await bea.GotoAsync(new Uri(http.BaseAddress!, "/console#/clients/new").ToString());
        await bea.GetByLabel("Name").FillAsync("Acme <b>Hostile</b> & Co");
        await bea.GetByLabel("Email for invoices").FillAsync("not-an-email");
        await bea.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        await Expect(bea.Locator("[data-field='email'] ~ .field-error")).ToContainTextAsync("not an email address");
        await bea.GetByLabel("Email for invoices").FillAsync("ap@acme.example");
        await bea.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        await Expect(bea.Locator("#main h1")).ToHaveTextAsync("Acme <b>Hostile</b> & Co");
        Assert.Equal(0, await bea.Locator("#main h1 b").CountAsync());
        await AxeAsync(bea, "client");
        await ShotAsync(bea, "client");

        // A draft with live totals and a preview of the real PDF, then submitted.
        await bea.GetByRole(AriaRole.Link, new() { Name = "New invoice" }).ClickAsync();
        await bea.GetByLabel("Description, line 1").FillAsync("Consulting, November");
        await bea.GetByLabel("Quantity, line 1").FillAsync("12");
        await bea.GetByLabel("Unit price, line 1").FillAsync("500");
        await bea.GetByLabel("Tax %, line 1").FillAsync("20");
        await Expect(bea.Locator("#draft-total")).ToHaveTextAsync("€7,200.00");
        await Expect(bea.Locator("[role=status]").Filter(new() { HasText = "Saved as" })).ToContainTextAsync("INV-2026-0001");
        var preview = bea.Locator(".preview img.page").First;
        await Expect(preview).ToBeVisibleAsync();
        await bea.WaitForFunctionAsync("img => img.complete && img.naturalWidth >= 700", await preview.ElementHandleAsync());
        await AxeAsync(bea, "draft");
        await ShotAsync(bea, "draft");
        await bea.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await bea.Locator("dialog").GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(bea.Locator(".screen-head .pill")).ToHaveTextAsync("Waiting for Dana Approver or Sam Second");
        var id = await app.WithDbAsync(async db => (await db.Invoices.SingleAsync()).Id);
        Assert.Contains(await HistoryChannelsAsync(id), c => c == "console");

        // The approver, on a phone: the card's Approve button is on screen without scrolling sideways.
        var dana = await SignedInAsync("Dana Approver", 390, 844);
        var card = dana.Locator(".card[data-template='approval-request']");
        await Expect(card).ToContainTextAsync("INV-2026-0001");
        await NoSidewaysScrollAsync(dana, "inbox");
        await AxeAsync(dana, "inbox at 390");
        await ShotAsync(dana, "inbox");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(dana.Locator(".card[data-template='decided']")).ToContainTextAsync("Approved by Dana Approver");

        // Sent by the outbox, then paid in part from the invoice page.
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        await bea.GotoAsync(new Uri(http.BaseAddress!, $"/console#/invoices/{id}").ToString());
        await bea.ReloadAsync();
        await Expect(bea.Locator(".screen-head .pill")).ToHaveTextAsync("Sent");
        await Expect(bea.Locator("section").Filter(new() { HasText = "Emails" }).Last).ToContainTextAsync("Emailed to the customer");
        await bea.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        var dialog = bea.Locator("dialog");
        await dialog.GetByLabel("Amount (EUR)").FillAsync("3000");
        await dialog.GetByLabel("Bank reference").FillAsync("BANK-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Expect(bea.Locator(".totals")).ToContainTextAsync("€4,200.00");
        await AxeAsync(bea, "invoice");
        await ShotAsync(bea, "invoice");

        // A bank line naming no invoice is placed by hand on the Payments screen.
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = "INV-1999-0001", amount = 4200m, paidOn = "2026-11-22", reference = "BANK-2" }))
            .EnsureSuccessStatusCode();
        await bea.GotoAsync(new Uri(http.BaseAddress!, "/console#/payments").ToString());
        await bea.Locator("tr", new() { HasText = "BANK-2" }).GetByRole(AriaRole.Button, new() { Name = "Match to invoice" }).ClickAsync();
        await dialog.GetByLabel("Invoice number").FillAsync("INV-2026-0001");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Match" }).ClickAsync();
        await Expect(bea.Locator("#toast")).ToContainTextAsync("applied to INV-2026-0001");
        Assert.Equal("Paid", await http.StatusAsync(id.ToString()));

        // Every screen, at both widths: readable, nothing sideways, no serious or critical axe violation.
        foreach (var width in new[] { 1400, 390 })
        {
            var page = width == 390 ? dana : await SignedInAsync("Dana Approver", 1400);
            foreach (var screen in Screens)
            {
                await page.GotoAsync(new Uri(http.BaseAddress!, $"/console#/{screen}").ToString());
                await Expect(page.Locator("#main h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await NoSidewaysScrollAsync(page, screen);
                await AxeAsync(page, $"{screen} at {width}");
                await ShotAsync(page, screen);
            }
            await page.GotoAsync(new Uri(http.BaseAddress!, $"/console#/invoices/{id}").ToString());
            await Expect(page.Locator(".screen-head .pill")).ToHaveTextAsync("Paid");
            await NoSidewaysScrollAsync(page, "invoice");
            await AxeAsync(page, $"invoice at {width}");
            await ShotAsync(page, "invoice-paid");
        }
    }

    private Task<List<string>> HistoryChannelsAsync(Guid id) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.InvoiceId == id).Select(a => a.Channel).ToListAsync());
}
