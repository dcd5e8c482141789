using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChatBilling.Tests.Console;

/// <summary>
/// A host with the three approvers and the console's sign-in picker, and Debian's Chromium driven by Playwright
/// (its own browser download cannot work here).
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");
    private IPlaywright playwright = null!;
    protected IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        app.Dispose();
    }
}
