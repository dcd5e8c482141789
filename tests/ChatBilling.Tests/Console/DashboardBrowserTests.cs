using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Console;

/// <summary>The dashboard in real Chromium: tiles, four SVG trend charts and the reconciliation tables.</summary>
public sealed class DashboardBrowserTests : BrowserTest
{
    /// <summary>Ten weeks of history: two invoices a week, submitted, approved and sent at crafted moments; the older ones paid.</summary>
    private async Task<HttpClient> TenWeeksAsync()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        for (var week = 10; week >= 1; week--)
            for (var n = 0; n < 2; n++)
            {
                var submitted = BillingApp.Start.AddDays(-7 * week).AddHours(n * 30);
                var issued = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(n);
                var id = (await http.CreateInvoiceAsync(new
                {
                    clientId, issueDate = issued.ToString("yyyy-MM-dd"), dueDate = issued.AddDays(30).ToString("yyyy-MM-dd"),
                    workCompletedOn = issued.AddDays(-(2 + week % 4 + n * 3)).ToString("yyyy-MM-dd"),
                    lineItems = new[] { new { description = "Retainer", quantity = 1m, unitPrice = 1000m + 250m * n, taxRate = 0.2m } },
                }))["id"].Str();
                var number = await app.WithDbAsync(async db =>
                {
                    var invoice = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(id));
                    var approver = new Actor(ApprovalFixture.Dana, "console");
                    db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.PendingApproval, new Actor("local", "api"), "submitted", submitted));
                    db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, approver, "approved", submitted.AddHours(2 + week + 8 * n)));
                    db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Sent, Actor.System, "sent", submitted.AddHours(3 + week + 8 * n)));
                    await db.SaveChangesAsync();
                    return invoice.Number;
                });
                if (week > 4)
                    (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = number, amount = n == 0 ? 1200m : 700m,
                        paidOn = issued.AddDays(20 + week).ToString("yyyy-MM-dd"), reference = $"BANK-{number}" })).EnsureSuccessStatusCode();
            }
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = "INV-1999-0001", amount = 42m, paidOn = "2026-11-20", reference = "BANK-LOST" }))
            .EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task The_dashboard_shows_the_numbers_their_trends_and_the_reconciliation()
    {
        var http = await TenWeeksAsync();
        var metrics = await (await http.GetAsync("/api/metrics?days=90")).ReadAsync(System.Net.HttpStatusCode.OK);

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(http.BaseAddress!, "/console").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Dana Approver" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        var tiles = page.Locator("#dash-tiles .tile");
        await Expect(tiles).ToHaveCountAsync(3);
        await Expect(tiles.Nth(0)).ToContainTextAsync($"{metrics["sendLag"]!["medianDays"]!.GetValue<double>():0.#} d");
        await Expect(tiles.Nth(1)).ToContainTextAsync($"{Math.Round(metrics["onSchedule"]!["share"]!.GetValue<double>() * 100)} %");
        // DSO sits with the aging buckets over a fixed 90 days; each bucket links to the invoices in it.
        var aging = page.Locator("section[aria-labelledby='aging-title']");
        await Expect(aging).ToContainTextAsync("DSO EUR");
        await Expect(aging.Locator("a.tile[href*='age=1-30']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#dash-charts figure.chart svg")).ToHaveCountAsync(4);
        // One dot per week with data: every one of the last ten weeks sent two invoices.
        Assert.True(await page.Locator("#dash-charts figure.chart").First.Locator("circle").CountAsync() >= 10);
        await Expect(page.Locator("#recon")).ToContainTextAsync("BANK-LOST");
        // Weeks 10 to 5 paid part of their second invoice, all of those now past due; plus one payment naming no invoice.
        await Expect(page.Locator("#recon")).ToContainTextAsync("Past due with a payment, not Paid (6)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "chatbilling-console-dashboard.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "30 days", Exact = true }).ClickAsync();
        await Expect(page.Locator("#dash-window")).ToContainTextAsync("30 days to");
    }
}
