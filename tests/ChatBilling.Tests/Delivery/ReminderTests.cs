using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ChatBilling.Tests.Delivery;

/// <summary>Reminders over a fake calendar: the right days, never twice, stopping at Paid, catching up after downtime.</summary>
public sealed class ReminderTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    private async Task<string> SentInvoiceAsync(HttpClient http, string clientName, int[]? offsets = null)
    {
        var response = await http.PostAsJsonAsync("/api/clients",
            new { name = clientName, email = $"ap@{clientName.ToLowerInvariant()}.example", currency = "EUR", reminderOffsetsDays = offsets });
        var clientId = (await response.ReadAsync(HttpStatusCode.Created))["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 500, dueDate: "2026-12-22")))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        return id;
    }

    private string[] MailFiles() => Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml") : [];

    private async Task RunDayAsync(HttpClient http)
    {
        // Twice a day, as two hosts or a restart might: nothing may go out twice.
        for (var i = 0; i < 2; i++)
        {
            (await http.PostAsync("/api/jobs/reminders/run", null)).EnsureSuccessStatusCode();
            (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Reminders_go_on_their_days_once_catch_up_after_downtime_and_stop_when_paid()
    {
        var http = app.Http();
        var acme = await SentInvoiceAsync(http, "Acme");
        var paidEarly = await SentInvoiceAsync(http, "Prompt");
        var custom = await SentInvoiceAsync(http, "Custom", [-1]);
        var seen = MailFiles().ToHashSet();
        Assert.Equal(3, seen.Count);

        var remindersByDay = new List<string>();
        for (var day = new DateOnly(2026, 11, 23); day <= new DateOnly(2027, 1, 5); day = day.AddDays(1))
        {
            app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            if (day == new DateOnly(2026, 12, 10))
                await app.WithDbAsync(async db =>
                {
                    var invoice = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(paidEarly));
                    db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Paid, Actor.System, "paid", app.Clock.GetUtcNow()));
                    return await db.SaveChangesAsync();
                });
            if (day == new DateOnly(2026, 12, 22)) continue; // the host is down on the due date
            await RunDayAsync(http);
            var today = MailFiles().Where(seen.Add).Select(f => MimeMessage.Load(f));
            remindersByDay.AddRange(today.Select(m => $"{day:MM-dd} {m.To.Mailboxes.Single().Address} {m.Subject}"));
        }

        Assert.Equal(
        [
            "12-15 ap@acme.example Reminder: invoice INV-2026-0001 is due in 7 day(s)",
            "12-21 ap@custom.example Reminder: invoice INV-2026-0003 is due in 1 day(s)",
            "12-23 ap@acme.example Reminder: invoice INV-2026-0001 is due today",
            "12-25 ap@acme.example Overdue: invoice INV-2026-0001 was due 3 day(s) ago",
            // Dunning continues every Reminders:RepeatEveryDays (7) after each client's last offset until paid or void.
            "12-28 ap@custom.example Overdue: invoice INV-2026-0003 was due 6 day(s) ago",
            "01-01 ap@acme.example Overdue: invoice INV-2026-0001 was due 10 day(s) ago",
            "01-04 ap@custom.example Overdue: invoice INV-2026-0003 was due 13 day(s) ago",
        ], remindersByDay.OrderBy(r => r.StartsWith("01-", StringComparison.Ordinal) ? "1" + r : "0" + r).ToList());
        var history = await (await http.GetAsync($"/api/invoices/{acme}/history")).ReadArrayAsync();
        Assert.Equal(4, history.Count(h => h!["action"].Str() == "reminder-sent"));
    }
}
