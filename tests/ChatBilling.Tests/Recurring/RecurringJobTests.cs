using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Recurring;

/// <summary>Retainers bill once per period, with catch-up, on one host or two. The clock starts on 2026-11-22 09:00 UTC.</summary>
public sealed class RecurringJobTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");
    private readonly HttpClient http;

    public RecurringJobTests() => http = app.Http();

    public void Dispose() => app.Dispose();

    private async Task<JsonObject> ScheduleAsync(object? overrides = null, HttpClient? client = null)
    {
        client ??= http;
        var clientId = (await client.CreateClientAsync())["id"].Str();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            clientId, name = "Monthly retainer", cadence = "monthly", dayOfMonth = 1, startsOn = "2026-12-01", paymentTermsDays = 14,
            lineItems = new[] { new { description = "Retainer, {period}", quantity = 1m, unitPrice = 2500m, taxRate = 0.2m } },
        }))!.AsObject();
        if (overrides is not null)
            foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(overrides))!.AsObject()) body[key] = value?.DeepClone();
        return await (await client.PostAsJsonAsync("/api/schedules", body)).ReadAsync(HttpStatusCode.Created);
    }

    private async Task<int> RunAsync(HttpClient? client = null) =>
        int.Parse((await (await (client ?? http).PostAsync("/api/jobs/recurring/run", null)).ReadAsync(HttpStatusCode.OK))["summary"].Str().Split(' ')[0]);

    private Task<List<(string Issued, string Description, string Status)>> InvoicesAsync() => app.WithDbAsync(async db =>
        (await db.Invoices.OrderBy(i => i.IssueDate).ToListAsync())
            .Select(i => (i.IssueDate.ToString("yyyy-MM-dd"), i.LineItems.Single().Description, i.Status.ToString())).ToList());

    [Fact]
    public async Task A_period_is_billed_once_when_it_starts_with_its_name_and_terms()
    {
        var schedule = await ScheduleAsync();
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), schedule["nextRunAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, await RunAsync());

        app.Clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        var invoice = Assert.Single(await InvoicesAsync());
        Assert.Equal(("2026-12-01", "Retainer, December 2026", "Draft"), invoice);
        var listed = (await (await http.GetAsync("/api/schedules")).ReadArrayAsync()).Single()!;
        Assert.Equal((DateTimeOffset.Parse("2027-01-01T00:00:00Z"), "INV-2026-0001"),
            (listed["nextRunAt"]!.GetValue<DateTimeOffset>(), listed["lastInvoiceNumber"].Str()));
        var stored = await app.WithDbAsync(db => db.Invoices.SingleAsync());
        Assert.Equal(new DateOnly(2026, 12, 15), stored.DueDate);
    }

    [Fact]
    public async Task A_host_down_for_three_months_bills_each_missed_period_once()
    {
        await ScheduleAsync();
        app.Clock.Advance(TimeSpan.FromDays(100)); // 2027-03-02
        Assert.Equal(4, await RunAsync());
        Assert.Equal(0, await RunAsync());
        Assert.Equal(["2026-12-01", "2027-01-01", "2027-02-01", "2027-03-01"], (await InvoicesAsync()).Select(i => i.Issued));
    }

    [Fact]
    public async Task Two_hosts_running_at_once_bill_each_period_once()
    {
        using var second = BillingApp.SharingDatabaseWith(app).WithApprovers();
        var other = second.Http();
        await ScheduleAsync(new { autoSubmit = true });
        app.Clock.Advance(TimeSpan.FromDays(72)); // 2027-02-02
        second.Clock.Advance(TimeSpan.FromDays(72));
        var made = await Task.WhenAll(RunAsync(), RunAsync(other), RunAsync(), RunAsync(other));
        Assert.Equal(3, made.Sum());
        var invoices = await InvoicesAsync();
        Assert.Equal(["2026-12-01", "2027-01-01", "2027-02-01"], invoices.Select(i => i.Issued));
        Assert.All(invoices, i => Assert.Equal("PendingApproval", i.Status));
        var submissions = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "submitted"));
        Assert.Equal(3, submissions);
    }

    [Fact]
    public async Task A_paused_schedule_bills_nothing_and_resuming_skips_the_paused_periods()
    {
        var id = (await ScheduleAsync())["id"].Str();
        var paused = await (await http.PostAsync($"/api/schedules/{id}/pause", null)).ReadAsync(HttpStatusCode.OK);
        Assert.False(paused["active"]!.GetValue<bool>());
        app.Clock.Advance(TimeSpan.FromDays(45)); // 2027-01-06
        Assert.Equal(0, await RunAsync());
        var resumed = await (await http.PostAsync($"/api/schedules/{id}/resume", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(DateTimeOffset.Parse("2027-02-01T00:00:00Z"), resumed["nextRunAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, await RunAsync());
        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(["2027-02-01"], (await InvoicesAsync()).Select(i => i.Issued));
    }

    [Fact]
    public async Task A_cron_schedule_bills_each_occurrence()
    {
        await ScheduleAsync(new { cadence = "cron", cron = "0 9 * * MON", dayOfMonth = (int?)null, startsOn = "2026-11-23" });
        app.Clock.Advance(TimeSpan.FromDays(14)); // 2026-12-06 09:00, a Sunday
        Assert.Equal(2, await RunAsync());
        Assert.Equal(["2026-11-23", "2026-11-30"], (await InvoicesAsync()).Select(i => i.Issued));
    }

    [Fact]
    public async Task The_console_lists_each_schedule_with_its_next_run_and_last_invoice()
    {
        await ScheduleAsync(new { currency = "EUR", timeZone = "Europe/Berlin", autoSubmit = true });
        var paused = (await ScheduleAsync(new { name = "Old retainer" }))["id"].Str();
        (await http.PostAsync($"/api/schedules/{paused}/pause", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(9));
        await RunAsync();

        var console = app.Http();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email = ApprovalFixture.Dana }) };
        signIn.Headers.Add("X-ChatBilling-Console", "1");
        (await console.SendAsync(signIn)).EnsureSuccessStatusCode();
        var rows = await (await console.GetAsync("/console/api/schedules")).ReadArrayAsync();

        Assert.Equal(["Monthly retainer", "Old retainer"], rows.Select(r => r!["name"].Str()));
        var active = rows[0]!;
        Assert.Equal(("Monthly on day 1 (Europe/Berlin) · auto-submit", "€2,500.00 + tax", "31 Dec 23:00 UTC", "INV-2026-0001"),
            (active["cadence"].Str(), active["perPeriod"].Str(), active["nextRun"].Str(), active["lastInvoice"].Str()));
        Assert.Equal("Paused", rows[1]!["nextRun"].Str());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http().GetAsync("/console/api/schedules")).StatusCode);
    }

    [Theory]
    [InlineData("cadence", "weekly")]
    [InlineData("dayOfMonth", 0)]
    [InlineData("cron", "every monday")]
    [InlineData("timeZone", "Mars/Olympus")]
    [InlineData("endsOn", "2026-01-01")]
    [InlineData("name", "")]
    public async Task A_bad_schedule_names_its_field_and_is_not_stored(string field, object value)
    {
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var body = new JsonObject
        {
            ["clientId"] = clientId, ["name"] = "Retainer", ["cadence"] = field == "cron" ? "cron" : "monthly", ["dayOfMonth"] = 1,
            ["startsOn"] = "2026-12-01",
            ["lineItems"] = new JsonArray(new JsonObject { ["description"] = "Retainer", ["quantity"] = 1, ["unitPrice"] = 100 }),
        };
        body[field] = JsonValue.Create(value);
        var problem = await (await http.PostAsJsonAsync("/api/schedules", body)).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Empty(await (await http.GetAsync("/api/schedules")).ReadArrayAsync());
    }

    [Fact]
    public async Task Template_lines_are_checked_like_an_invoices()
    {
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var problem = await (await http.PostAsJsonAsync("/api/schedules", new
        {
            clientId, name = "Retainer", cadence = "monthly", dayOfMonth = 1, startsOn = "2026-12-01",
            lineItems = new[] { new { description = "Retainer", quantity = 0m, unitPrice = 100m } },
        })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["lineItems[0].quantity"]);
    }
}
