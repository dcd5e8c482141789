using ChatBilling.Tests.Console;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Playwright;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>The console's approval-depth screens in Chromium, at 1400 and 390 px: delegation, and reassigning from the inbox card.</summary>
public sealed class ApprovalsBrowserTests : BrowserTest
{
    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task Delegation_screen_sets_and_ends_a_delegation(int width)
    {
        var page = await SignedInAsync("Dana Approver", width);
        await page.GotoAsync(page.Url.Split('#')[0] + "#/delegation");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Delegate my approvals" }).WaitForAsync();

        // Nothing chosen: the server's field error shows at the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delegate", Exact = true }).ClickAsync();
        await page.GetByText("to (the colleague who decides meanwhile) is required.").First.WaitForAsync();

        await page.GetByLabel("Colleague").SelectOptionAsync(new SelectOptionValue { Label = "Fin Manager" });
        await page.GetByLabel("Until (included)").FillAsync("2026-12-24");
        await page.GetByLabel("Note").FillAsync("Holiday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delegate", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "Fin Manager" }).WaitForAsync();
        await NoSidewaysScrollAsync(page, "delegation");
        await AxeAsync(page, "delegation");
        await ShotAsync(page, "delegation");

        await page.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        await page.GetByText("No delegations from or to you.").WaitForAsync();
        Assert.Empty(pageErrors);
        Assert.Empty(await (await app.Http().GetAsync("/api/delegations?person=" + Dana)).ReadArrayAsync());
    }

    [Fact]
    public async Task The_inbox_card_reassigns_through_its_choice_of_colleagues()
    {
        var id = await app.Http().SubmittedInvoiceAsync(5000m);
        var page = await SignedInAsync("Dana Approver", 390, 844);
        await page.GotoAsync(page.Url.Split('#')[0] + "#/inbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign…" }).ClickAsync();
        // The Teams template's Input.ChoiceSet, rendered by the Adaptive Cards renderer: Dana herself is not offered.
        var choice = page.Locator("select").First;
        Assert.DoesNotContain("Dana Approver", await choice.InnerTextAsync());
        await choice.SelectOptionAsync(new SelectOptionValue { Label = "Sam Second" });
        await page.GetByPlaceholder("Why them, what to look at").FillAsync("Sam knows Acme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand it on" }).ClickAsync();
        await page.GetByText("Handed on; only they decide this step now.").WaitForAsync();
        Assert.Empty(pageErrors);
        var line = (await app.Http().HistoryAsync(id)).Last()!;
        Assert.Equal(("reassigned", Dana, "console"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str()));
    }
}
