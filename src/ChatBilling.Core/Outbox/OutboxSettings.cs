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
    /// <summary>Messages claimed at a time per lane, split between the lane's workers.</summary>
    public int BatchSize { get; init; } = 20;
    /// <summary>
    /// Emails handled at the same time by this host (the email lane's workers), each in its own scope and DbContext.
    /// 1 by default: on SQLite concurrent writers wait on each other's lock and 4 drained invoice emails slower than 1
    /// (see the delivery benchmark). Worth raising on PostgreSQL when the mail server is slow to answer.
    /// </summary>
    public int Parallelism { get; init; } = 1;
    /// <summary>
    /// Chat effects handled at the same time (the chat lane's workers). Chat handlers mostly wait on Slack or Teams
    /// (and on their pacing per channel), so several workers keep one busy channel from holding up the others.
    /// </summary>
    public int ChatParallelism { get; init; } = 4;

    public int ParallelismOf(string lane) => lane == OutboxLane.Email ? Parallelism : ChatParallelism;
}
