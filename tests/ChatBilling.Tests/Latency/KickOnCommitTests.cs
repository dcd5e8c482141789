using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The dispatcher is kicked by the commit that stores a message, not by the minute poll (which these hosts do not
/// run at all), and its two lanes drain independently: a mail server that never answers holds up no chat effect.
/// </summary>
public sealed class KickOnCommitTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();
    private readonly List<IHostedService> started = [];

    public Task InitializeAsync() => store.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var service in started) await service.StopAsync(default);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task A_committed_message_reaches_its_handler_without_the_poll()
    {
        var host = await StartedHostAsync();
        var kicker = host.GetRequiredService<OutboxKicker>();

        await EnqueueAsync(host, CountingHandler.Kind, "kicked");

        await kicker.UntilAsync(() => Task.FromResult(log.Handled.ContainsKey("kicked")), "the kicked message to be handled");
        await kicker.UntilAsync(async () => (await MessageAsync(host, "kicked")).Status == OutboxStatus.Done, "the message to be Done");
        Assert.Equal(1, log.Handled["kicked"]);
    }

    [Fact]
    public async Task A_transaction_kicks_only_when_it_commits_and_never_when_it_rolls_back()
    {
        var host = store.HostWithTestHandlers("host-a", log);
        var kicks = new List<string>();
        host.GetRequiredService<OutboxSignal>().Committed += lanes => { lock (kicks) kicks.AddRange(lanes); };

        await OutboxStore.InScopeAsync(host, async sp =>
        {
            var db = sp.GetRequiredService<ChatBillingDb>();
            var outbox = sp.GetRequiredService<OutboxWriter>();
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await outbox.EnqueueAsync(CountingHandler.Kind, "rolled-back", new { });
                await outbox.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            Assert.Empty(kicks);

            await using var committed = await db.Database.BeginTransactionAsync();
            await outbox.EnqueueAsync(CountingHandler.Kind, "committed", new { });
            await outbox.SaveChangesAsync();
            Assert.Empty(kicks);
            await committed.CommitAsync();
            return 0;
        });

        Assert.Equal([OutboxLane.Chat], kicks);
        Assert.Equal(["committed"], (await MessagesAsync(host)).Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task A_hung_mail_server_delays_no_chat_effect_and_its_send_becomes_a_retry()
    {
        await using var hung = new HungSmtpServer();
        var host = await StartedHostAsync(new()
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = $"{hung.Port}", ["Smtp:UseTls"] = "false", ["Smtp:ConnectTimeout"] = "00:00:30",
        });
        var kicker = host.GetRequiredService<OutboxKicker>();

        await EnqueueAsync(host, HungEmailHandler.Kind, "email");
        await hung.FirstConnection.WaitAsync(TimeSpan.FromSeconds(30));
        // The email lane's only worker now waits for a greeting; chat effects committed meanwhile go out at once.
        await EnqueueAsync(host, CountingHandler.Kind, "card-1", "card-2", "card-3");
        await kicker.UntilAsync(() => Task.FromResult(log.Handled.Count == 3), "three chat effects while the email hangs");
        var email = await MessageAsync(host, "email");
        Assert.Equal((OutboxStatus.Pending, 1, null), (email.Status, email.Attempts, email.LastError));
        Assert.NotNull(email.LeaseOwner);

        // The connect deadline passes on the product's clock: the attempt fails and is retried later, not stuck.
        store.Clock.Advance(TimeSpan.FromSeconds(31));
        await kicker.UntilAsync(async () => (await MessageAsync(host, "email")).LastError is not null, "the hung send to fail");
        email = await MessageAsync(host, "email");
        Assert.Equal((OutboxStatus.Pending, 1), (email.Status, email.Attempts));
        Assert.Null(email.LeaseOwner);
        Assert.True(email.NextAttemptAt > store.Clock.GetUtcNow());
        Assert.Contains($"TimeoutException: The SMTP server 127.0.0.1:{hung.Port} did not let us connect to it within 00:00:30", email.LastError);
    }

    /// <summary>A host whose kicker runs (as in production), with the poll nowhere: only commits wake it.</summary>
    private async Task<ServiceProvider> StartedHostAsync(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? []) { ["Outbox:DispatchOnCommit"] = "true" };
        var host = store.Host("host-a", services => services
            .AddSingleton(log)
            .AddOutboxHandler<CountingHandler>(CountingHandler.Kind)
            .AddOutboxHandler<HungEmailHandler>(HungEmailHandler.Kind, OutboxLane.Email), values);
        foreach (var service in host.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
            started.Add(service);
        }
        return host;
    }
}

/// <summary>Sends a plain email through the host's configured sender (here the hung server).</summary>
public sealed class HungEmailHandler(IEmailSender sender) : IOutboxHandler
{
    public const string Kind = "test.email";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var email = new MimeMessage { Subject = message.IdempotencyKey };
        email.From.Add(MailboxAddress.Parse("billing@demo.test"));
        email.To.Add(MailboxAddress.Parse("ap@client.example"));
        email.Body = new TextPart("plain") { Text = "Hello" };
        return sender.SendAsync(email, ct);
    }
}
