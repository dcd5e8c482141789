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

        // The link answers with a redirect to /console/, whose script then moves to #/inbox. Waiting for the URL
        // "**/console/" raced that hash change: when the script ran before Playwright compared the URL, it waited for a
        // navigation that never came (the "slow load" of earlier full runs). The signed-in name is what counts, and
        // the path (hash aside) says the redirect landed in the console. The longer wait allows for a loaded machine.
        await Expect(page.Locator("#me-name")).ToHaveTextAsync("Dana Approver", new() { Timeout = 60_000 });
        Assert.Equal("/console/", new Uri(page.Url).AbsolutePath);
        Assert.NotNull(sent);
        var headers = await sent;
        output.WriteLine($"Chromium posted the link with Origin: {headers.GetValueOrDefault("origin")}, Sec-Fetch-Site: {headers.GetValueOrDefault("sec-fetch-site")}");
        Assert.Equal(http.BaseAddress!.GetLeftPart(UriPartial.Authority), headers.GetValueOrDefault("origin"));
    }
}
