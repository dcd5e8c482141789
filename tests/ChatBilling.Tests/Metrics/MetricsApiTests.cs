using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Digests;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Metrics;

/// <summary>
/// The numbers through the real host: invoices created, approved by a person, emailed by the sends job and paid,
/// each at a moment set by the fake clock; then <c>GET /api/metrics</c> and the Prometheus scrape.
/// Every scrape test lives in this class, so they never run in parallel: OpenTelemetry's listener picks meters by
/// name across the whole process, and two live hosts would each see the other's gauges.
/// </summary>
public sealed class MetricsApiTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    /// <summary>
    /// Two EUR invoices of 1,500.00 issued on Sunday 22 Nov. A (work done 18 Nov) is approved after 3 hours and sent
    /// that day; B (work done 12 Nov) is approved after 27 hours and sent on Monday 23 Nov, a day after its issue date.
    /// A is paid in full. Lags 4 and 11 days, approvals 3 and 27 hours, one of two on schedule, 1,500 of 3,000 owed.
    /// </summary>
    private async Task<HttpClient> TwoInvoicesAsync()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        async Task<string> Create(string workCompletedOn) => (await http.CreateInvoiceAsync(new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22", workCompletedOn,
            lineItems = new[] { new { description = "Consulting", quantity = 1m, unitPrice = 1250m, taxRate = 0.2m } },
        }))["id"].Str();
        var a = await Create("2026-11-18");
        var b = await Create("2026-11-12");
        (await http.PostAsync($"/api/invoices/{a}/submit", null)).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/invoices/{b}/submit", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(3));
        await (await http.DecideAsync(a, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(24));
        await (await http.DecideAsync(b, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Equal(("Sent", "Sent"), (await http.StatusAsync(a), await http.StatusAsync(b)));

        (await http.PostAsJsonAsync("/api/payments", new { invoiceId = a, amount = 1500m, paidOn = "2026-11-23", reference = "BANK-A" }))
            .EnsureSuccessStatusCode();
        return http;
    }

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    [Fact]
    public async Task Metrics_come_from_the_audit_trail_of_what_really_happened()
    {
        var http = await TwoInvoicesAsync();

        var metrics = await (await http.GetAsync("/api/metrics?days=90")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(90, metrics["window"]!["days"]!.GetValue<int>());
        Assert.Equal((2, 7.5, 10.3), (metrics["sendLag"]!["count"]!.GetValue<int>(), Number(metrics["sendLag"]!["medianDays"]), Number(metrics["sendLag"]!["p90Days"])));
        Assert.Equal((1, 0.5), (metrics["onSchedule"]!["onTime"]!.GetValue<int>(), Number(metrics["onSchedule"]!["share"])));
        Assert.Equal(15.0, Number(metrics["approvalTime"]!["medianHours"]));
        var dso = Assert.Single(metrics["dso"]!.AsArray())!;
        Assert.Equal(("EUR", 1500m, 3000m, 45.0), (dso["currency"].Str(), dso["receivables"]!.GetValue<decimal>(),
            dso["creditSales"]!.GetValue<decimal>(), Number(dso["days"])));

        var week = metrics["weeks"]!.AsArray().Last()!;
        Assert.Equal(("2026-W48", 1), (week["isoWeek"].Str(), week["sent"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_digest_summarises_the_numbers_of_the_last_30_days()
    {
        await TwoInvoicesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var card = await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync();
        Assert.Equal("last 30 days", card.Numbers!.Window);
        Assert.Equal(
            [("Work done → sent", "median 7.5 d · p90 10.3 d"), ("Sent on schedule", "50 % of 2"), ("Approval time", "median 15 h"), ("DSO EUR", "15 days")],
            card.Numbers.Facts.Select(f => (f.Title, f.Value)));
        Assert.Null(card.Reconciliation);
        Assert.Contains("The numbers, last 30 days\n  Work done → sent: median 7.5 d · p90 10.3 d\n", DigestText.Render(card));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("many")]
    public async Task A_window_out_of_range_is_a_problem_naming_days(string days)
    {
        var response = await app.Http().GetAsync($"/api/metrics?days={days}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (days != "many") Assert.NotNull((await response.ReadAsync(HttpStatusCode.BadRequest))["errors"]!["days"]);
    }

    [Fact]
    public async Task Prometheus_scrape_shows_the_gauges_with_their_values_and_follows_new_payments()
    {
        var http = await TwoInvoicesAsync();

        var samples = await ScrapeAsync(http);
        Assert.Equal(7.5, samples["chatbilling_send_lag_days{quantile=\"0.5\"}"]);
        Assert.Equal(10.3, samples["chatbilling_send_lag_days{quantile=\"0.9\"}"]);
        Assert.Equal(0.5, samples["chatbilling_sent_on_schedule_ratio"]);
        Assert.Equal(15, samples["chatbilling_approval_time_hours{quantile=\"0.5\"}"]);
        // The gauges cover Metrics:WindowDays (30): 1,500 owed of 3,000 sold is 15 days.
        Assert.Equal(15, samples["chatbilling_dso_days{currency=\"EUR\"}"]);
        Assert.Equal(1500, samples["chatbilling_receivables{currency=\"EUR\"}"]);
        Assert.Equal(2, samples["chatbilling_invoices_sent"]);

        var b = (await (await http.GetAsync("/api/invoices?status=Sent")).ReadArrayAsync()).Single()!["id"].Str();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceId = b, amount = 1500m, paidOn = "2026-11-23", reference = "BANK-B" }))
            .EnsureSuccessStatusCode();
        // Within Metrics:RefreshSeconds (30) a scrape reuses the last computation; after it, the payment shows.
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1500, (await ScrapeAsync(http))["chatbilling_receivables{currency=\"EUR\"}"]);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        samples = await ScrapeAsync(http);
        Assert.Equal((0, 0), (samples["chatbilling_dso_days{currency=\"EUR\"}"], samples["chatbilling_receivables{currency=\"EUR\"}"]));
    }

    [Fact]
    public async Task The_scrape_needs_an_api_key_when_keys_are_configured()
    {
        using var keyed = new BillingApp().With("Api:Keys:0:Name", "prometheus").With("Api:Keys:0:Key", "k-prom-0123456789")
            .With("Api:Keys:0:Scopes:0", "metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyed.Http().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keyed.Http("k-prom-0123456789").GetAsync("/metrics")).StatusCode);
    }

    /// <summary>The scrape as "name{labels}" to value, leaving out the scope label every sample carries.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return text.Split('\n').Where(l => l.StartsWith("chatbilling_", StringComparison.Ordinal))
            .Select(l => l.Replace("otel_scope_name=\"ChatBilling\",", "").Replace("{otel_scope_name=\"ChatBilling\"}", ""))
            .ToDictionary(l => l[..l.LastIndexOf(' ')], l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
