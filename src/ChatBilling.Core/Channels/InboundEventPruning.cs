using ChatBilling.Core.Jobs;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Channels;

/// <summary>
/// Forgets inbound event ids (Slack event ids, Teams activity ids, used sign-in links) after a month. Platforms stop
/// redelivering within hours and sign-in links expire in minutes, so older ids only grow the table.
/// </summary>
public sealed class InboundEventPruning(ChatBillingDb db, TimeProvider time) : IBillingJob
{
    public const string Name = "housekeeping";
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - Retention;
        var removed = await db.ChatInboundEvents.Where(e => e.ReceivedAt < before).ExecuteDeleteAsync(ct);
        return $"{removed} inbound event id(s) older than {Retention.TotalDays:0} days forgotten.";
    }
}
