namespace ChatBilling.Core.Outbox;

/// <summary>The <c>Outbox</c> settings section: how hard and how often the dispatcher tries.</summary>
public sealed record OutboxSettings
{
    /// <summary>Names this host in lease columns; each drain appends its own id so overlapping drains never share a lease.</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
    /// <summary>After this many attempts the message is Failed and its handler's give-up hook runs.</summary>
    public int MaxAttempts { get; init; } = 8;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);
    /// <summary>How long a claim holds; a host that dies mid-work releases its messages when this runs out.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; init; } = 20;
    /// <summary>
    /// Messages of one claimed batch handled at the same time, each in its own scope and DbContext. 1 by default:
    /// on SQLite concurrent writers wait on each other's lock and 4 drained invoice emails slower than 1 (see the
    /// delivery benchmark). Worth raising on PostgreSQL when handlers wait on slow remote servers.
    /// </summary>
    public int Parallelism { get; init; } = 1;
}
