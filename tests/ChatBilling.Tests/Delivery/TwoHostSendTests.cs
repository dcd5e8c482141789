using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Delivery;

/// <summary>Two hosts on one database drain the same outbox: every approved invoice is emailed exactly once.</summary>
public sealed class TwoHostSendTests : IAsyncLifetime
{
    private SmtpSink smtp = null!;
    private BillingApp first = null!;
    private BillingApp second = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpSink.StartAsync();
        first = Configure(new BillingApp(), "host-a");
        second = Configure(BillingApp.SharingDatabaseWith(first), "host-b");
    }

    private BillingApp Configure(BillingApp app, string owner) => TwoHostScenario.Configure(app, owner, smtp);

    public async Task DisposeAsync()
    {
        second.Dispose();
        first.Dispose();
        await smtp.DisposeAsync();
    }

    [Fact]
    public Task Two_hosts_send_200_approved_invoices_each_exactly_once() => TwoHostScenario.SendEachOnceAsync(first, second, smtp);
}

/// <summary>Two hosts on one database draining one outbox; used on SQLite here and on PostgreSQL in its own tests.</summary>
public static class TwoHostScenario
{
    public static BillingApp Configure(BillingApp app, string owner, SmtpSink smtp) => app
        .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:UseTls", "false")
        .With("Smtp:From", "billing@demo.test").With("Outbox:Owner", owner).With("Outbox:BatchSize", "10");

    public static async Task SendEachOnceAsync(BillingApp first, BillingApp second, SmtpSink smtp)
    {
        var a = first.Http();
        var b = second.Http();
        var clientId = (await a.CreateClientAsync())["id"].Str();
        for (var n = 0; n < 200; n++)
        {
            var id = (await a.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 100 + n)))["id"].Str();
            (await (n % 2 == 0 ? a : b).PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        }

        // Both hosts drain at the same time until neither finds anything left to do.
        int processed;
        var (byA, byB) = (0, 0);
        do
        {
            var runs = await Task.WhenAll(a.PostAsync("/api/jobs/sends/run", null), b.PostAsync("/api/jobs/sends/run", null),
                a.PostAsync("/api/jobs/sends/run", null), b.PostAsync("/api/jobs/sends/run", null));
            var counts = await Task.WhenAll(runs.Select(async r => int.Parse((await r.ReadAsync(HttpStatusCode.OK))["summary"].Str().Split(' ')[0])));
            (byA, byB) = (byA + counts[0] + counts[2], byB + counts[1] + counts[3]);
            processed = counts.Sum();
        } while (processed > 0);
        Assert.True(byA > 0 && byB > 0, $"both hosts should have worked: {byA} and {byB}");

        var mail = smtp.Received();
        Assert.Equal(200, mail.Count);
        Assert.Equal(200, mail.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(200, mail.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(200, await first.WithDbAsync(db => db.Invoices.CountAsync(i => i.Status == ChatBilling.Core.Invoices.InvoiceStatus.Sent)));
        Assert.Equal(200, await first.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "sent")));
    }
}
