using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Reconciliation;

/// <summary>The payload of a reconciliation message: the ISO week it reports on.</summary>
public sealed record ReconciliationRequest(string IsoWeek);

/// <summary>
/// Queues the week's reconciliation report once per ISO week, however often and on however many hosts it runs:
/// the schedule runs it daily with the digest, so a host that was down on Monday still sends the week's report.
/// When it queues, it also writes the report once, so a line that cannot be written is logged, counted and put in the
/// exception queue now; the email still goes with the other lines.
/// </summary>
public sealed class ReconciliationJob(ReconciliationBuilder reports, OutboxWriter outbox, JobFailures failures) : IBillingJob
{
    public const string Name = "reconciliation";
    public const string Kind = "reconciliation.email";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var (_, week) = reports.Week();
        var queued = await outbox.EnqueueAsync(Kind, $"{Kind}:{week}", new ReconciliationRequest(week), ct: ct);
        await outbox.SaveChangesAsync(ct);
        var skipped = new List<JobFailure>();
        if (queued) ReconciliationText.Render(await reports.BuildAsync(ct), skipped);
        await failures.RecordAsync(Name, skipped, ct);
        return (queued ? $"Reconciliation report for {week} queued." : $"Reconciliation report for {week} was already queued.")
            + JobFailures.Summary(skipped);
    }
}
