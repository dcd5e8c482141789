using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatBilling.Tests.Console;

/// <summary>
/// Every console screen and the customer invoice page, signed in with seeded data, at 1400 and 390 px: nothing
/// scrolls sideways, no form control or button sticks out of the screen, no serious or critical axe violation.
/// The screenshots land in <see cref="BrowserTest.ShotFolder"/> as <c>tour-&lt;screen&gt;-&lt;width&gt;.png</c>, for a
/// reviewer to look at: <c>dotnet test tests/ChatBilling.Tests --filter ConsoleScreensTour</c>.
/// </summary>
public sealed partial class ConsoleScreensTour : BrowserTest
{
    private const string Tove = "tove@example.com";

    // Someone who sees every screen with its buttons: approves, bills and runs the host.
    public ConsoleScreensTour() => app.With("Approvals:Approvers:4:Name", "Tove Lead").With("Approvals:Approvers:4:Email", Tove)
        .With("Approvals:Approvers:4:Roles:0", "approver").With("Approvals:Approvers:4:Roles:1", "billing").With("Approvals:Approvers:4:Roles:2", "operator");

    [Fact]
    public async Task Every_screen_fits_a_laptop_and_a_phone_and_passes_axe()
    {
        var http = app.Http();
        var seeded = await SeedAsync(http);
        var screens = new (string Name, string Hash, string Heading)[]
        {
            ("inbox", "#/inbox", "Waiting for approval"), ("invoices", "#/invoices", "Invoices"), ("invoice-waiting", $"#/invoices/{seeded.Waiting}", seeded.WaitingNumber),
            ("invoice-paid", $"#/invoices/{seeded.Paid}", seeded.PaidNumber), ("draft-new", "#/invoices/new", "New invoice"),
            ("draft-edit", $"#/invoices/{seeded.Draft}/edit", "Invoice "), ("clients", "#/clients", "Clients"), ("client-edit", $"#/clients/{seeded.Client}", "Nordwind"),
            ("payments", "#/payments", "Payments"), ("exceptions", "#/exceptions", "Exceptions"), ("schedules", "#/schedules", "Recurring invoices"),
            ("dashboard", "#/dashboard", "The numbers that matter"), ("delegation", "#/delegation", "Delegation"), ("setup", "#/setup", "Setup check"), ("ask", "#/ask", "Ask the bot"),
        };
        foreach (var width in new[] { 1400, 390 })
        {
            var page = await SignedInAsync("Tove Lead", width, width == 390 ? 844 : 900);
            foreach (var (name, hash, heading) in screens)
            {
                await page.GotoAsync(new Uri(http.BaseAddress!, $"/console{hash}").ToString());
                await Expect(page.Locator("#main h1")).ToContainTextAsync(heading);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
                await FitsAsync(page, $"{name} at {width}");
                if (name == "draft-edit") await NotesClearOfTheSaveBarAsync(page, width);
                await AxeAsync(page, $"{name} at {width}");
                await ShotAsync(page, $"tour-{name}");
            }
            await page.GotoAsync(new Uri(http.BaseAddress!, seeded.CustomerLink).ToString());
            await FitsAsync(page, $"customer page at {width}");
            await AxeAsync(page, $"customer page at {width}");
            await ShotAsync(page, "tour-customer");
            await page.CloseAsync();
        }
    }

    /// <summary>No sideways scrolling, and every visible control inside the viewport's width (a clipped select or button fails).</summary>
    private static async Task FitsAsync(IPage page, string screen)
    {
        await NoSidewaysScrollAsync(page, screen);
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("select, input, textarea, button, .button, .pill, .card, table")]
              .filter(e => e.offsetParent !== null && !e.closest("dialog:not([open])"))
              .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1; })
              .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} ${(e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30)}`)
            """);
        Assert.True(outside.Length == 0, $"{screen}: outside the screen: {string.Join("; ", outside)}");
        // Cut inside their own box: a status pill whose words overflow it, a select too narrow for the chosen option.
        var cut = await page.EvaluateAsync<string[]>("""
            () => {
              const shown = (e) => e.offsetParent !== null;
              const pills = [...document.querySelectorAll(".pill")].filter(shown).filter(p => p.scrollWidth > p.clientWidth + 1).map(p => `pill ${p.textContent}`);
              // Client names are the customers' own and a select cannot wrap: the list and the heading show them whole.
              const selects = [...document.querySelectorAll("select:not([name=clientId])")].filter(shown).filter(s => {
                const probe = document.createElement("span"), style = getComputedStyle(s);
                probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${style.font}`;
                probe.textContent = s.options[s.selectedIndex]?.text || "";
                document.body.append(probe);
                const text = probe.getBoundingClientRect().width;
                probe.remove();
                // The arrow takes about 20 px of the padding box.
                return text > s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
              }).map(s => `select#${s.id} "${s.options[s.selectedIndex]?.text}"`);
              return [...pills, ...selects];
            }
            """);
        Assert.True(cut.Length == 0, $"{screen}: cut off: {string.Join("; ", cut)}");
    }

    /// <summary>Typing in Notes (the last field) on a phone: the sticky save bar must not cover it.</summary>
    private static async Task NotesClearOfTheSaveBarAsync(IPage page, int width)
    {
        var notes = page.GetByLabel("Notes");
        await notes.FocusAsync();
        await notes.PressAsync("End");
        var (field, bar) = (await notes.BoundingBoxAsync(), await page.Locator(".actions.sticky").BoundingBoxAsync());
        Assert.True(field is not null && bar is not null);
        Assert.True(field.Y + field.Height <= bar.Y + 1, $"at {width} px the Notes box ends at {field.Y + field.Height}, under the save bar at {bar.Y}");
    }

    private sealed record Seeded(string Client, string Draft, string Waiting, string WaitingNumber, string Paid, string PaidNumber, string CustomerLink);

    /// <summary>A team's ordinary week: three clients, a draft, one waiting, one overdue, one paid, a schedule, a stray payment.</summary>
    private async Task<Seeded> SeedAsync(HttpClient http)
    {
        var acme = (await http.CreateClientAsync(name: "Acme GmbH"))["id"].Str();
        var nordwind = (await http.CreateClientAsync(name: "Nordwind Handelsgesellschaft mbH & Co. KG"))["id"].Str();
        await http.CreateClientAsync("USD", "Globex Inc");
        async Task<(string Id, string Number)> InvoiceAsync(string clientId, decimal price, string issued, string due, string text, bool submit)
        {
            var created = await http.CreateInvoiceAsync(new
            {
                clientId, issueDate = issued, dueDate = due, notes = "Thank you for your business. Payment by bank transfer within the terms above.",
                lineItems = new[]
                {
                    new { description = text, quantity = 12.5m, unitPrice = price, taxRate = 0.2m },
                    new { description = "Hosting and support", quantity = 1m, unitPrice = 49.99m, taxRate = 0.2m },
                },
            });
            var id = created["id"].Str();
            if (submit) (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
            return (id, created["number"].Str());
        }
        var draft = await InvoiceAsync(nordwind, 120m, "2026-11-22", "2026-12-22", "Consulting: approval workflow design and rollout for the finance team", submit: false);
        var overdue = await InvoiceAsync(acme, 40m, "2026-10-01", "2026-10-31", "Support, October", submit: true);
        var paid = await InvoiceAsync(nordwind, 30m, "2026-11-02", "2026-12-02", "Support, November", submit: true);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = paid.Number, amount = 509.99m, paidOn = "2026-11-20", reference = $"BANK-{paid.Number}" }))
            .EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = "INV-1999-0001", amount = 4200m, paidOn = "2026-11-21", reference = "BANK-UNKNOWN-7731" }))
            .EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/schedules", new
        {
            clientId = acme, name = "Monthly retainer", cadence = "monthly", dayOfMonth = 1, startsOn = "2026-12-01", paymentTermsDays = 14,
            lineItems = new[] { new { description = "Retainer, {period}", quantity = 1m, unitPrice = 2500m, taxRate = 0.2m } },
        })).EnsureSuccessStatusCode();
        var waiting = await InvoiceAsync(acme, 400m, "2026-11-22", "2026-12-22", "Implementation, phase 2", submit: true);
        // A day later the waiting approval is past its deadline, so the exception queue has a row.
        app.Clock.Advance(TimeSpan.FromHours(25));

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).First(m => (m.TextBody ?? "").Contains(overdue.Number));
        var link = LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value;
        return new(nordwind, draft.Id, waiting.Id, waiting.Number, paid.Id, paid.Number, link);
    }

    [GeneratedRegex(@"(/i/[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
