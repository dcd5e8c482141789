using ChatBilling.Core.Jobs;

namespace ChatBilling.Core.Outbox;

/// <summary>Drains everything due in the outbox: invoice emails, reminders, digests, chat posts.</summary>
public sealed class SendsJob(OutboxDispatcher dispatcher) : IBillingJob
{
    public const string Name = "sends";

    public async Task<string> RunAsync(CancellationToken ct) => $"{await dispatcher.DrainAsync(ct)} message(s) processed.";
}
