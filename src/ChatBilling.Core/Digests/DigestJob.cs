using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Digests;

/// <summary>The payload of a digest message: the day it covers.</summary>
public sealed record DigestRequest(DateOnly Date);

/// <summary>
/// Queues the day's digest (email and one post per chat channel) once, however many hosts run the schedule (keys carry the date).
/// The digest is built here once as well, so rows it has to leave out are logged, counted in the summary and put in the
/// exception queue when the job runs, not only noticed when someone reads the digest.
/// </summary>
public sealed class DigestJob(DigestBuilder digests, OutboxWriter outbox, Channels.ChatOutbox chat, JobFailures failures) : IBillingJob
{
    public const string Name = "digest";
    public const string Kind = "digest.email";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var date = digests.Today();
        var queued = await outbox.EnqueueAsync(Kind, $"{Kind}:{date:yyyy-MM-dd}", new DigestRequest(date), ct: ct);
        // Each chat channel's post has its own key, so a channel switched on later still gets today's digest.
        await chat.DigestDueAsync(date, ct);
        await outbox.SaveChangesAsync(ct);
        var skipped = new List<JobFailure>();
        if (queued) await digests.BuildAsync(skipped, ct);
        await failures.RecordAsync(Name, skipped, ct);
        return (queued ? $"Digest for {date:yyyy-MM-dd} queued." : $"Digest for {date:yyyy-MM-dd} was already queued.") + JobFailures.Summary(skipped);
    }
}
