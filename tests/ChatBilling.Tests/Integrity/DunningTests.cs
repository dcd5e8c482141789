using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Reminders;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Integrity;

/// <summary>Reminders that continue after the last offset, reach invoices sent late, and still go once each.</summary>
public sealed class DunningTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    // Due 2026-12-22, offsets -7, 0, 3, a repeat every 7 days; the answer is the offset (days after the due date) due that day.
    [Theory]
    [InlineData("2026-12-10", "2026-12-14", null)]
    [InlineData("2026-12-10", "2026-12-15", -7)]
    [InlineData("2026-12-10", "2026-12-25", 3)]
    [InlineData("2026-12-10", "2026-12-31", 3)]
    [InlineData("2026-12-10", "2027-01-01", 10)]
    [InlineData("2026-12-10", "2027-03-01", 66)]
    [InlineData("2026-12-23", "2026-12-23", null)] // sent the day after the due date: the due-date reminder is moot…
    [InlineData("2026-12-30", "2026-12-30", 3)]    // …but sent after an overdue reminder's day, that reminder still goes
    [InlineData("2026-12-30", "2027-01-01", 10)]
    public void The_reminder_due_follows_offsets_then_repeats(string sentOn, string today, int? expected) =>
        Assert.Equal(expected, ReminderCalendar.DueOffset(new DateOnly(2026, 12, 22), DateOnly.Parse(sentOn), DateOnly.Parse(today), [-7, 0, 3], 7));

    [Fact]
    public void No_repeats_when_RepeatEveryDays_is_zero() =>
        Assert.Equal(3, ReminderCalendar.DueOffset(new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 1), new DateOnly(2027, 6, 1), [-7, 0, 3], 0));

    [Fact]
    public async Task An_invoice_sent_long_past_due_is_reminded_on_the_next_run_and_only_once()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, issueDate: "2026-10-01", dueDate: "2026-10-31")))["id"].Str();
        await app.MarkSentAsync(id);

        for (var run = 0; run < 3; run++)
        {
            (await http.PostAsync("/api/jobs/reminders/run", null)).EnsureSuccessStatusCode();
            (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        }
        var history = await (await http.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
        var sent = Assert.Single(history, h => h!["action"].Str() == "reminder-sent");
        Assert.Contains("after the due date", sent!["detail"].Str());
    }

    [Fact]
    public async Task The_digest_counts_what_is_still_owed()
    {
        var (http, id, number) = await app.SentInvoiceAsync();
        (await http.PostAsJsonAsync("/api/payments", new { invoiceNumber = number, amount = 1000m, paidOn = "2026-11-22", reference = "PART" }))
            .EnsureSuccessStatusCode();
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var scope = app.Services.CreateAsyncScope();
        var digest = await scope.ServiceProvider.GetRequiredService<ChatBilling.Core.Digests.DigestBuilder>().BuildAsync();
        var item = digest.OverdueBuckets.SelectMany(b => b.Invoices.Items).Single();
        Assert.Contains("200.00", item.Amount);
        Assert.Contains("200.00", Assert.Single(digest.OverdueTotals).Amount);
        var listed = await (await http.GetAsync("/api/invoices?overdue=true")).ReadArrayAsync();
        Assert.Equal((id, 200m), (listed.Single()!["id"].Str(), listed.Single()!["amountDue"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task One_broken_invoice_does_not_stop_reminders_for_the_others_and_is_listed_as_an_exception()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var broken = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, dueDate: "2026-11-23")))["id"].Str();
        var fine = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, dueDate: "2026-11-23")))["id"].Str();
        await app.MarkSentAsync(broken);
        await app.MarkSentAsync(fine);
        // A row no API can make any more: Sent, but with no sent instant.
        await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == Guid.Parse(broken))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.SentAt, (DateTimeOffset?)null)));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

        var run = await (await http.PostAsync("/api/jobs/reminders/run", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("1 reminder(s) queued", run.ToJsonString());
        Assert.Contains("1 item(s) failed", run.ToJsonString());
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Contains(await (await http.GetAsync($"/api/invoices/{fine}/history")).ReadArrayAsync(), h => h!["action"].Str() == "reminder-sent");
        Assert.Contains(await (await http.GetAsync($"/api/invoices/{broken}/history")).ReadArrayAsync(), h => h!["action"].Str() == "job-failed");
    }
}
