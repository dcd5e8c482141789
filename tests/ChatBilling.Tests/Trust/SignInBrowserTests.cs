using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Console;
using Microsoft.Playwright;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Trust;

/// <summary>The emailed sign-in link in real Chromium, in Production (no picker): the way an approver really gets in.</summary>
public sealed class SignInBrowserTests(Xunit.Abstractions.ITestOutputHelper output) : BrowserTest
{
    [Fact]
    public async Task The_emailed_link_signs_in_in_a_real_browser_in_production()
    {
        app.With("environment", "Production").With("Console:DevSignIn", "false");
        var http = app.Http();
        var page = await browser.NewPageAsync();
        // The headers Chromium really sent with the form post (Playwright's request.Headers leaves out Sec-Fetch-*).
        Task<Dictionary<string, string>>? sent = null;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/console/sign-in/")) sent = request.AllHeadersAsync();
        };

        await page.GotoAsync(new Uri(http.BaseAddress!, "/console").ToString());
        await Expect(page.Locator("#link-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#approver-list li")).ToHaveCountAsync(0);
        await page.FillAsync("#link-email", Dana);
        await page.ClickAsync("#link-form button[type=submit]");
        await Expect(page.Locator("#link-sent")).ToBeVisibleAsync();

        var link = await SignInLinks.ReadLinkAsync(app, http, Dana);
        await page.GotoAsync(new Uri(http.BaseAddress!, link).ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in as Dana Approver");
        await page.ClickAsync("button[type=submit]");

        // Not a timing check: alone this takes a few seconds, but with the whole suite's browsers and hosts on two
        // cores the page's load event has taken over Playwright's default 30 s.
        await page.WaitForURLAsync("**/console/", new() { Timeout = 120_000 });
        await Expect(page.Locator("#me-name")).ToHaveTextAsync("Dana Approver");
        Assert.NotNull(sent);
        var headers = await sent;
        output.WriteLine($"Chromium posted the link with Origin: {headers.GetValueOrDefault("origin")}, Sec-Fetch-Site: {headers.GetValueOrDefault("sec-fetch-site")}");
        Assert.Equal(http.BaseAddress!.GetLeftPart(UriPartial.Authority), headers.GetValueOrDefault("origin"));
    }
}
