using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Cards;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChatBilling.Tests.Console;

/// <summary>
/// A host with the three approvers, a billing person and the console's sign-in picker, and Debian's Chromium
/// driven by Playwright (its own browser download cannot work here).
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    public const string Bea = "bea@example.com";
    public static readonly string ShotFolder = Path.Combine(Path.GetTempPath(), "chatbilling-console-shots");

    protected readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
        .With("Approvals:Approvers:3:Name", "Bea Billing").With("Approvals:Approvers:3:Email", Bea)
        .With("Approvals:Approvers:3:Roles:0", "billing");
    private IPlaywright playwright = null!;
    protected IBrowser browser = null!;
    private static string? axeSource;
    /// <summary>Script errors and console errors of the pages this test opened: each screen check fails on any.</summary>
    protected readonly List<string> pageErrors = [];

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

    /// <summary>A page of the given width, signed in as <paramref name="person"/> through the picker.</summary>
    protected async Task<IPage> SignedInAsync(string person, int width = 1400, int height = 900)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.PageError += (_, error) => pageErrors.Add(error);
        // Refused requests (401 before sign-in, 400 for a bad field) are the app working; script errors are not.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) pageErrors.Add(message.Text); };
        await page.GotoAsync(new Uri(app.Http().BaseAddress!, "/console").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = person }).ClickAsync();
        await page.Locator("#me-name").WaitForAsync();
        return page;
    }

    /// <summary>
    /// Runs axe-core (the npm package, evaluated in the page the way Deque's own Playwright integration injects
    /// it: https://github.com/dequelabs/axe-core-npm/tree/develop/packages/playwright) and fails on any serious or
    /// critical violation, naming the rule and the elements.
    /// </summary>
    protected async Task AxeAsync(IPage page, string screen)
    {
        Assert.True(pageErrors.Count == 0, $"script errors before {screen}: {string.Join("; ", pageErrors)}");
        if (axeSource is null)
        {
            await NodeTools.EnsureInstalledAsync();
            axeSource = await File.ReadAllTextAsync(Path.Combine(NodeTools.RepoRoot, "node_modules", "axe-core", "axe.min.js"));
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'")) await page.EvaluateAsync(axeSource);
        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
              return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
            }
            """);
        Assert.True(violations.Length == 0, $"axe on {screen}: {string.Join("; ", violations)}");
    }

    /// <summary>No horizontal scrolling: the document is no wider than the viewport.</summary>
    protected static async Task NoSidewaysScrollAsync(IPage page, string screen)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(scroll <= width, $"{screen} is {scroll} px wide in a {width} px viewport");
    }

    protected static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ShotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ShotFolder, $"{name}-{page.ViewportSize!.Width}.png"), FullPage = true });
    }
}
