using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ChatBilling.Core.Storage;

/// <summary>Who a SQLite writer is working for; a lower value is let in first when several wait.</summary>
public enum WriterPriority
{
    /// <summary>The inbound group commit: a person waits for the acknowledgement of a click.</summary>
    Inbound = 0,

    /// <summary>The chat lane's decision batches and the feedback they hand off: the card a person watches.</summary>
    Chat = 1,

    /// <summary>Everything else: API writes, card posts, emails, jobs.</summary>
    Normal = 2,
}

/// <summary>
/// An in-process, asynchronous queue for SQLite's single writer lock, one per database file per process. SQLite lets one
/// writer in at a time and makes the others wait in its native busy handler (<c>PRAGMA busy_timeout</c>), which blocks a
/// thread-pool thread and sleeps 1, 2, 5, 10 … 100 ms between tries (sqlite3's <c>sqliteDefaultBusyCallback</c>,
/// https://sqlite.org/c3ref/busy_timeout.html) while the lock it waits for is held for a few milliseconds: the waiting,
/// not the work, was the latency, and the blocked threads starved the async work beside them. Here a writer awaits its
/// turn without a thread, is let in the moment the previous one finishes, and the next in line is chosen by
/// <see cref="WriterPriority"/>, then first come first served. Readers never queue (write-ahead logging lets them read
/// beside the writer). Writers in other processes (another host on the file, a CLI) still meet SQLite's busy timeout,
/// which stays as the fallback; so does a writer that waited here longer than <see cref="MaxWait"/>, so that a writer
/// this gate cannot see (say, a second context writing while its caller's transaction holds the gate) slows down
/// instead of stopping the product.
/// </summary>
public sealed class SqliteWriterGate
{
    /// <summary>The busy timeout's own 10 s: past it, a writer goes on to SQLite's lock as it did before the gate.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, SqliteWriterGate> Gates = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<WriterPriority?> Ambient = new();

    private sealed class Waiter(object holder, long queued)
    {
        public object Holder { get; } = holder;
        public long Queued { get; } = queued;
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
    }

    private readonly object sync = new();
    private readonly LinkedList<Waiter>[] queues = [new(), new(), new()];
    private object? holder;
    private long sequence, entries, waits, timeouts, overtakes;
    private readonly long[] waitTicks = new long[3], longestTicks = new long[3], waitsBy = new long[3];

    /// <summary>The gate of the SQLite file <paramref name="connection"/> is on; null for PostgreSQL and in-memory SQLite.</summary>
    public static SqliteWriterGate? For(DbConnection connection) =>
        connection is SqliteConnection sqlite ? ByConnectionString.GetOrAdd(sqlite.ConnectionString, FileGate) : null;

    // From the connection string alone, open or closed, so that a writer's enter and its exit always find the same gate.
    private static readonly ConcurrentDictionary<string, SqliteWriterGate?> ByConnectionString = new(StringComparer.Ordinal);

    private static SqliteWriterGate? FileGate(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Gates.GetOrAdd(Path.GetFullPath(builder.DataSource), _ => new SqliteWriterGate());
    }

    /// <summary>The priority of the writes the current code makes (set by <see cref="Prefer"/>); Normal by default.</summary>
    public static WriterPriority CurrentPriority => Ambient.Value ?? WriterPriority.Normal;

    /// <summary>Makes the writes awaited inside the returned scope queue at <paramref name="priority"/>.</summary>
    public static IDisposable Prefer(WriterPriority priority)
    {
        var before = Ambient.Value;
        Ambient.Value = priority;
        return new Restore(before);
    }

    private sealed class Restore(WriterPriority? before) : IDisposable
    {
        public void Dispose() => Ambient.Value = before;
    }

    /// <summary>Raised when a writer starts to wait, with its priority; tests wait on it instead of sleeping.</summary>
    internal event Action<WriterPriority>? Queued;

    public bool IsHeldBy(object who)
    {
        lock (sync) return ReferenceEquals(holder, who);
    }

    /// <summary>
    /// Waits for the gate on behalf of <paramref name="who"/> (a DbContext: one connection, one transaction). True when it
    /// is now held and must be released with <see cref="Exit"/>; false when <paramref name="who"/> held it already (a save
    /// inside its own transaction must not wait for itself) or the wait outlasted <see cref="MaxWait"/>. A cancelled wait
    /// leaves the queue and holds nothing.
    /// </summary>
    public async ValueTask<bool> EnterAsync(object who, WriterPriority priority, CancellationToken ct)
    {
        Waiter waiter;
        lock (sync)
        {
            if (ReferenceEquals(holder, who)) return false;
            entries++;
            if (holder is null)
            {
                holder = who;
                return true;
            }
            waiter = new Waiter(who, ++sequence);
            waiter.Node = queues[(int)priority].AddLast(waiter);
            waits++;
        }
        Queued?.Invoke(priority);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await waiter.Turn.Task.WaitAsync(MaxWait, ct).ConfigureAwait(false);
            Waited(priority, started);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (sync)
            {
                granted = waiter.Node is null;
                if (!granted) queues[(int)priority].Remove(waiter.Node!);
                waiter.Node = null;
                if (e is TimeoutException && !granted) timeouts++;
            }
            Waited(priority, started);
            // Granted at the very moment the wait ended: a cancelled writer passes its turn on; a late one takes it.
            if (granted && e is OperationCanceledException) Exit(who);
            else if (granted) return true;
            if (e is OperationCanceledException) throw;
            return false;
        }
    }

    /// <summary>Releases the gate if <paramref name="who"/> holds it and lets the next writer in; does nothing otherwise.</summary>
    public void Exit(object who)
    {
        Waiter? next = null;
        lock (sync)
        {
            if (!ReferenceEquals(holder, who)) return;
            holder = null;
            for (var p = 0; p < queues.Length && next is null; p++)
            {
                if (queues[p].First is not { } first) continue;
                next = first.Value;
                queues[p].RemoveFirst();
                next.Node = null;
                // A writer let in ahead of one that queued before it, at a lower priority.
                for (var lower = p + 1; lower < queues.Length; lower++)
                    if (queues[lower].First is { } older && older.Value.Queued < next.Queued) { overtakes++; break; }
            }
            holder = next?.Holder;
        }
        next?.Turn.TrySetResult();
    }

    private void Waited(WriterPriority priority, long started)
    {
        var ticks = Stopwatch.GetTimestamp() - started;
        lock (sync)
        {
            waitTicks[(int)priority] += ticks;
            longestTicks[(int)priority] = Math.Max(longestTicks[(int)priority], ticks);
            waitsBy[(int)priority]++;
        }
    }

    /// <summary>Counts since the process started (or since <see cref="ResetStatistics"/>), for benchmarks and logs.</summary>
    public GateStatistics Statistics
    {
        get
        {
            lock (sync)
                return new(entries, waits, Time(waitTicks.Sum()), Time(longestTicks.Max()), timeouts, overtakes,
                    [.. Enum.GetValues<WriterPriority>().Select(p => new PriorityWaits(p, waitsBy[(int)p], Time(waitTicks[(int)p]), Time(longestTicks[(int)p])))]);
        }
    }

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);

    public void ResetStatistics()
    {
        lock (sync)
        {
            entries = waits = timeouts = overtakes = 0;
            Array.Clear(waitTicks);
            Array.Clear(longestTicks);
            Array.Clear(waitsBy);
        }
    }
}

/// <summary>Entries, how many of them waited, for how long in all and at most, waits past <c>MaxWait</c>, and priority overtakes.</summary>
public sealed record GateStatistics(long Entries, long Waits, TimeSpan Waited, TimeSpan LongestWait, long TimedOut, long Overtakes,
    IReadOnlyList<PriorityWaits> ByPriority);

/// <summary>The waits of the writers of one priority: how many, how long in all, the longest.</summary>
public sealed record PriorityWaits(WriterPriority Priority, long Waits, TimeSpan Waited, TimeSpan LongestWait);
