using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Console;

/// <summary>
/// The setup check as a console screen: an operator sees each check with its outcome in words and the setting to
/// fix; nobody else gets the tab or the answer. axe-core at 1400 and 390 px, no sideways scrolling on a phone.
/// </summary>
public sealed class SetupCheckBrowserTests : BrowserTest
{
    private const string Olu = "olu@example.com";

    public SetupCheckBrowserTests() => app.With("Approvals:Approvers:4:Name", "Olu Operator").With("Approvals:Approvers:4:Email", Olu)
        .With("Approvals:Approvers:4:Roles:0", "operator");

    [Fact]
    public async Task An_operator_sees_each_check_with_its_reason_and_the_setting_to_fix()
    {
        foreach (var width in new[] { 1400, 390 })
        {
            var page = await SignedInAsync("Olu Operator", width, 900);
            await page.GetByRole(AriaRole.Link, new() { Name = "Setup" }).ClickAsync();
            await Expect(page.Locator("#main h1")).ToHaveTextAsync("Setup check");
            // No seller is configured here: the check fails, says why, and names the setting.
            var seller = page.Locator("li.check").Filter(new() { HasText = "Seller" });
            await Expect(seller.Locator(".pill")).ToHaveTextAsync("✕ Failed");
            await Expect(seller).ToContainTextAsync("printed on every invoice");
            await Expect(seller.Locator(".settings code").First).ToHaveTextAsync("Seller:Name");
            await Expect(page.Locator(".summary")).ToContainTextAsync("checks failed");
            await Expect(page.Locator("li.check").Filter(new() { HasText = "Database" }).Locator(".pill")).ToHaveTextAsync("✓ Passed");
            await NoSidewaysScrollAsync(page, $"setup at {width}");
            await AxeAsync(page, $"setup at {width}");
            await ShotAsync(page, "setup");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Nobody_but_an_operator_gets_the_tab_or_the_answer()
    {
        var dana = await SignedInAsync("Dana Approver");
        await Expect(dana.GetByRole(AriaRole.Link, new() { Name = "Inbox" })).ToBeVisibleAsync();
        await Expect(dana.GetByRole(AriaRole.Link, new() { Name = "Setup" })).ToHaveCountAsync(0);

        var http = app.Http();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email = "dana@example.com" }) };
        signIn.Headers.Add("X-ChatBilling-Console", "1");
        (await http.SendAsync(signIn)).EnsureSuccessStatusCode();
        var refused = await http.GetAsync("/console/api/setup/check");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("operator", await refused.Content.ReadAsStringAsync());
    }
}
