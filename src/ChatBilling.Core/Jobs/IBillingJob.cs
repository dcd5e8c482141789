namespace ChatBilling.Core.Jobs;

/// <summary>
/// A scheduled job that operators and tests can also run on demand (<c>POST /api/jobs/{name}/run</c>).
/// Jobs read the time from <see cref="TimeProvider"/>, so running one twice at the same moment does nothing new.
/// </summary>
public interface IBillingJob
{
    /// <summary>Runs once and says what it did, in one line for the operator.</summary>
    Task<string> RunAsync(CancellationToken ct);
}
