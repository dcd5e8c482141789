using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Digests;

/// <summary>The payload of a digest message: the day it covers.</summary>
public sealed record DigestRequest(DateOnly Date);

/// <summary>Queues the day's digest (email and one post per chat channel) once, however many hosts run the schedule (keys carry the date).</summary>
public sealed class DigestJob(DigestBuilder digests, OutboxWriter outbox, Channels.ChatOutbox chat) : IBillingJob
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
        return queued ? $"Digest for {date:yyyy-MM-dd} queued." : $"Digest for {date:yyyy-MM-dd} was already queued.";
    }
}
