using System.Collections.Concurrent;
using System.Data.Common;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// Counts the commits that stored a decision (a transaction that updated an approval step), and can make the host
/// "die" at the moment the first of them is about to commit: the drain is cancelled and the commit never happens.
/// </summary>
public sealed class DecisionCommits : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConcurrentDictionary<DbTransaction, bool> deciding = new();
    private int commits;

    /// <summary>Cancelled instead of letting the first decision commit through, when <see cref="CrashAtFirstCommit"/> is set.</summary>
    public CancellationTokenSource Crash { get; } = new();

    public bool CrashAtFirstCommit { get; set; }

    /// <summary>Decision commits that went through.</summary>
    public int Count => Volatile.Read(ref commits);

    public BillingApp Into(BillingApp app) => app.WithServices(services =>
    {
        services.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(this), ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresChatBillingDb>(o => o.AddInterceptors(this), ServiceLifetime.Singleton);
    });

    private void Note(DbCommand command)
    {
        if (command.Transaction is { } transaction && command.CommandText.Contains("UPDATE \"ApprovalSteps\"", StringComparison.Ordinal))
            deciding[transaction] = true;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Note(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (!deciding.TryRemove(transaction, out _)) return ValueTask.FromResult(result);
        if (CrashAtFirstCommit)
        {
            CrashAtFirstCommit = false;
            Crash.Cancel();
            throw new OperationCanceledException("The host died just before the decisions' commit.", Crash.Token);
        }
        Interlocked.Increment(ref commits);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (deciding.TryRemove(transaction, out _)) Interlocked.Increment(ref commits);
        return result;
    }
}
