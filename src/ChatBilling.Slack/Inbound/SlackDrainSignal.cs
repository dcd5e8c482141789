using System.Threading.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Drains the outbox soon after Slack work was stored, instead of on the next scheduled drain a minute later.
/// Requests coalesce: a burst of 200 clicks asks for one or two drains, each of which takes everything due.
/// Off when scheduled jobs are off (<c>Jobs:Schedule=false</c>, as in tests, which drain themselves).
/// </summary>
public sealed class SlackDrainSignal(OutboxDispatcher dispatcher, ILogger<SlackDrainSignal> log, bool enabled) : BackgroundService
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Asks for a drain; returns at once. The work is already stored, so a lost request only delays it.</summary>
    public void Request()
    {
        if (enabled) requests.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled) return;
        await foreach (var _ in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DrainAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Draining the outbox after Slack work arrived failed; the scheduled drain will pick it up.");
            }
        }
    }
}
