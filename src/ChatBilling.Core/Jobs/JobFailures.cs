using ChatBilling.Core.Audit;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Jobs;

/// <summary>One item a job could not handle: the invoice (when there is one), a name for people, and why.</summary>
public sealed record JobFailure(Guid? InvoiceId, string Item, Exception Error);

/// <summary>
/// Keeps one bad row from stopping a job for everyone: each failed item is logged, counted in the job's one-line
/// summary, and (when it belongs to an invoice) recorded in that invoice's history as <c>job-failed</c>, which the
/// exception queue and the digest list with the failed sends.
/// </summary>
public sealed class JobFailures(ChatBillingDb db, TimeProvider time, ILogger<JobFailures> log)
{
    /// <summary>How long a job failure stays in the exception queue: a week, like payment exceptions in the digest.</summary>
    public static readonly TimeSpan Shown = TimeSpan.FromDays(7);

    public async Task RecordAsync(string job, IReadOnlyList<JobFailure> failures, CancellationToken ct)
    {
        if (failures.Count == 0) return;
        // Whatever the failed items left half-done in the unit of work is not ours to save.
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        foreach (var failure in failures)
        {
            log.LogError(failure.Error, "The {Job} job could not handle {Item}; the other items went ahead.", job, failure.Item);
            if (failure.InvoiceId is { } invoiceId)
                db.AuditEntries.Add(new AuditEntry
                {
                    InvoiceId = invoiceId, At = now, Actor = job, Channel = "system", Action = AuditActions.JobFailed,
                    Detail = Trim($"The {job} job failed on this invoice: {failure.Error.GetType().Name}: {failure.Error.Message}"),
                });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>" 2 item(s) failed and were logged: INV-1, INV-2." or nothing.</summary>
    public static string Summary(IReadOnlyList<JobFailure> failures) => failures.Count == 0 ? ""
        : $" {failures.Count} item(s) failed and were logged: {string.Join(", ", failures.Take(5).Select(f => f.Item))}{(failures.Count > 5 ? ", …" : "")}.";

    private static string Trim(string text)
    {
        var clean = new string(text.Where(c => c != '\0' && !char.IsSurrogate(c)).ToArray());
        return clean.Length <= 4000 ? clean : clean[..4000];
    }
}
