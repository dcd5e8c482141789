using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Latency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Postgres;

/// <summary>
/// Two hosts on one PostgreSQL database, neither running the minute poll: every submission goes through host A, and
/// host B learns of the work only through NOTIFY. Each invoice is still emailed exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NotifyWakeupTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_hosts_woken_by_notify_send_each_of_200_invoices_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var database = postgres.NewDatabase();
        using var first = Configure(BillingApp.OnPostgres(database), "pg-notify-a", smtp);
        using var second = Configure(BillingApp.OnPostgres(database), "pg-notify-b", smtp);
        var a = first.Http();
        second.Http();
        var wakeups = second.Services.GetRequiredService<PostgresOutboxWakeups>();
        var kickerB = second.Services.GetRequiredService<OutboxKicker>();

        var clientId = (await a.CreateClientAsync())["id"].Str();
        for (var n = 0; n < 200; n++)
        {
            // Under AutoApproveBelow: approved at once, so each submit commits one invoice email.
            var id = (await a.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 100 + n)))["id"].Str();
            (await a.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        }

        await first.Services.GetRequiredService<OutboxKicker>().UntilAsync(
            async () => await first.WithDbAsync(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Sent)) == 200, "200 invoices sent");
        Assert.True(wakeups.Received > 0, "host B should have been woken by NOTIFY");
        Assert.True(kickerB.Attempts > 0, "host B should have sent some of the emails");

        var mail = smtp.Received();
        Assert.Equal(200, mail.Count);
        Assert.Equal(200, mail.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(200, await first.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "sent")));
        Assert.Equal(200, await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Done && m.Attempts == 1)));
    }

    private static BillingApp Configure(BillingApp app, string owner, SmtpSink smtp) =>
        TwoHostScenario.Configure(app, owner, smtp).With("Outbox:DispatchOnCommit", "true").With("Outbox:Parallelism", "2");
}
