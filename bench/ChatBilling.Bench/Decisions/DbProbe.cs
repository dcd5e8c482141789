using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatBilling.Bench.Decisions;

/// <summary>
/// Times every database command by what it does ("SELECT Invoices", "UPDATE OutboxMessages") and every commit, so a
/// benchmark can say how much of a decision is spent waiting on the store and on which statements.
/// </summary>
internal sealed partial class DbProbe : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbCommand, StrongBox<long>> started = new();
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> totals = new();

    public TransactionProbe Transactions { get; }

    public DbProbe() => Transactions = new TransactionProbe(this);

    public void Reset() => totals.Clear();

    internal void Add(string label, double ms) => totals.AddOrUpdate(label, (1, ms), (_, t) => (t.Count + 1, t.Ms + ms));

    public void Print(TimeSpan elapsed, int decisions)
    {
        var db = totals.Values.Sum(t => t.Ms);
        Console.WriteLine($"  database: {db:F0} ms of {elapsed.TotalMilliseconds:F0} ms ({db / decisions:F1} ms and " +
                          $"{totals.Values.Sum(t => t.Count) / (double)decisions:F1} statements per decision); by statement:");
        foreach (var (label, (count, ms)) in totals.OrderByDescending(t => t.Value.Ms).Take(30))
            Console.WriteLine($"    {label,-64} {count,6} × {ms / count,6:F2} ms = {ms,7:F0} ms ({count / (double)decisions:F1} per decision)");
    }

    private void Start(DbCommand command) => started.AddOrUpdate(command, new StrongBox<long>(Stopwatch.GetTimestamp()));

    private void Stop(DbCommand command)
    {
        if (!started.TryGetValue(command, out var at)) return;
        started.Remove(command);
        var label = Label(command.CommandText);
        Add(HandlerProbe.Current is { } kind ? $"{kind}: {label}" : label, Stopwatch.GetElapsedTime(at.Value).TotalMilliseconds);
    }

    [GeneratedRegex("""^\s*(?:--[^\n]*\n\s*)*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH|BEGIN|SAVEPOINT|RELEASE|PRAGMA)\b.*?(?:FROM|INTO|UPDATE)?\s*"(\w+)"?""",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    [GeneratedRegex("(?:FROM|JOIN)\\s+\"(\\w+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Tables();

    private static string Label(string sql)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        var match = Shape().Match(sql);
        var label = match.Success ? $"{match.Groups[1].Value.ToUpperInvariant()} {match.Groups[2].Value}" : sql[..Math.Min(sql.Length, 30)];
        // A SELECT is named by the tables it reads ("SELECT Invoices+LineItems"), not by its first column ("SELECT Id").
        if (label.StartsWith("SELECT", StringComparison.Ordinal) && Tables().Matches(sql).Select(m => m.Groups[1].Value).Distinct().ToList() is
            { Count: > 0 } tables) label = $"SELECT {string.Join('+', tables)}";
        // The outbox's claim is the UPDATE that picks its rows with a sub-select.
        if (label.StartsWith("UPDATE", StringComparison.Ordinal) && sql.Contains("IN (", StringComparison.Ordinal)) label += " (claim)";
        return statements > 1 ? $"{label} (+{statements - 1} more)" : label;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Stop(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken ct = default)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken ct = default)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken ct = default)
    {
        Stop(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Times BEGIN and COMMIT of explicit transactions (implicit ones are inside the statement's own time).</summary>
internal sealed class TransactionProbe(DbProbe probe) : DbTransactionInterceptor
{
    private readonly ConcurrentDictionary<DbTransaction, long> committing = new();
    private readonly ConcurrentDictionary<DbConnection, long> beginning = new();

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        beginning[connection] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken ct = default)
    {
        if (beginning.TryRemove(connection, out var at)) probe.Add("BEGIN (explicit)", Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        committing[transaction] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (committing.TryRemove(transaction, out var at)) probe.Add("COMMIT (explicit)", Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        return Task.CompletedTask;
    }
}
