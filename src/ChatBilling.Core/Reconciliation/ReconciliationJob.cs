using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Reconciliation;

/// <summary>The payload of a reconciliation message: the ISO week it reports on.</summary>
public sealed record ReconciliationRequest(string IsoWeek);

/// <summary>
/// Queues the week's reconciliation report once per ISO week, however often and on however many hosts it runs:
/// the schedule runs it daily with the digest, so a host that was down on Monday still sends the week's report.
/// </summary>
public sealed class ReconciliationJob(ReconciliationBuilder reports, OutboxWriter outbox) : IBillingJob
{
    public const string Name = "reconciliation";
    public const string Kind = "reconciliation.email";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var (_, week) = reports.Week();
        var queued = await outbox.EnqueueAsync(Kind, $"{Kind}:{week}", new ReconciliationRequest(week), ct: ct);
        await outbox.SaveChangesAsync(ct);
        return queued ? $"Reconciliation report for {week} queued." : $"Reconciliation report for {week} was already queued.";
    }
}
