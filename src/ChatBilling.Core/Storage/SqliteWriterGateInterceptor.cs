using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatBilling.Core.Storage;

/// <summary>
/// Routes every SQLite write EF makes through the file's <see cref="SqliteWriterGate"/>, so no caller has to: an explicit
/// transaction (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default, takes the write lock at once) waits for the gate before it
/// begins and gives it back when it commits, rolls back or fails; a write outside a transaction (a one-statement SaveChanges,
/// ExecuteUpdate, ExecuteDelete, raw SQL) waits before the statement and gives it back once the statement is finished.
/// Where EF raises each hook (github:dotnet/efcore, src/EFCore.Relational/Storage): RelationalConnection.BeginTransactionAsync
/// calls TransactionStarting before it begins; RelationalTransaction calls TransactionCommitted, TransactionRolledBack or
/// TransactionFailed (for "Commit" or "Rollback"; a failed savepoint leaves the transaction open); a failed BEGIN and a
/// transaction disposed without a commit or rollback raise no interceptor hook, but ClearTransaction then closes the
/// connection it opened (ConnectionClosed), and a context's dispose disposes its connection (ConnectionDisposed), so those
/// release too and the gate is never left held. A reader (SaveChanges' INSERT … RETURNING) keeps the lock until it is closed:
/// RelationalDataReader.DisposeAsync closes the SqliteDataReader (which resets the statement, ending its autocommit) before it
/// raises DataReaderDisposing, so that is where the statement's hold ends. The holder is the DbContext: a SaveChanges or a
/// submit inside that context's own transaction is let through rather than waiting for itself.
/// </summary>
internal sealed class SqliteWriterGateInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>Statements that took the gate themselves (outside a transaction), and so release it when they finish.</summary>
    private readonly ConditionalWeakTable<DbCommand, object> statementHolds = new();

    // Transactions.

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        if (SqliteWriterGate.For(connection) is { } gate)
            await gate.EnterAsync(HolderOf(eventData, connection), SqliteWriterGate.CurrentPriority, ct);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        // Only synchronous callers come here (none on a request path); they block a thread as SQLite's own wait would.
        if (SqliteWriterGate.For(connection) is { } gate)
            gate.EnterAsync(HolderOf(eventData, connection), SqliteWriterGate.CurrentPriority, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
        Release(eventData);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
        Release(eventData);

    // A failed COMMIT or ROLLBACK ends in the transaction's dispose; a failed savepoint leaves the transaction open (and held).
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Commit" or "Rollback") Release(eventData);
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken ct = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // Statements outside a transaction.

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        await EnterForStatementAsync(command, eventData, ct);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        await EnterForStatementAsync(command, eventData, ct);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        await EnterForStatementAsync(command, eventData, ct);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken ct = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken ct = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    // The connection's end: whatever its context still held (a transaction disposed without a commit) is given back.

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseAll(connection, eventData);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseAll(connection, eventData);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseAll(connection, eventData);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseAll(connection, eventData);
        return Task.CompletedTask;
    }

    private async ValueTask EnterForStatementAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        // Inside a transaction the transaction's hold covers the statement; reads never queue.
        if (command.Transaction is not null || !IsWrite(eventData.CommandSource) || command.Connection is not { } connection) return;
        if (SqliteWriterGate.For(connection) is not { } gate) return;
        var holder = HolderOf(eventData, connection);
        if (await gate.EnterAsync(holder, SqliteWriterGate.CurrentPriority, ct)) statementHolds.AddOrUpdate(command, holder);
    }

    private static bool IsWrite(CommandSource source) => source is CommandSource.SaveChanges or CommandSource.ExecuteUpdate
        or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw or CommandSource.Migrations;

    private void ReleaseStatement(DbCommand command)
    {
        if (!statementHolds.TryGetValue(command, out var holder)) return;
        statementHolds.Remove(command);
        if (command.Connection is { } connection) SqliteWriterGate.For(connection)?.Exit(holder);
    }

    private static Task Release(TransactionEventData eventData)
    {
        // After COMMIT the DbTransaction no longer knows its connection; the context does.
        if (eventData.Context?.Database.GetDbConnection() is { } connection) SqliteWriterGate.For(connection)?.Exit(eventData.Context);
        return Task.CompletedTask;
    }

    private static void ReleaseAll(DbConnection connection, ConnectionEventData eventData) =>
        SqliteWriterGate.For(connection)?.Exit(HolderOf(eventData, connection));

    private static object HolderOf(DbContextEventData eventData, DbConnection connection) => eventData.Context ?? (object)connection;
}
