using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatBilling.Core.Storage;

/// <summary>
/// Runs a unit of work that changes one invoice (a payment, a decision, a submit) or hands out an invoice number
/// one at a time, so concurrent callers queue instead of failing. On PostgreSQL the transaction takes the row
/// lock (<c>SELECT … FOR UPDATE</c>) before reading; on SQLite <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's
/// non-deferred transaction) takes the single writer's lock before reading. Whatever contention still surfaces
/// (SQLite busy, a PostgreSQL deadlock or serialization failure, a lost version race) is retried with backoff
/// until a deadline far beyond anything measured, so money a bank reported is never refused for being simultaneous.
/// </summary>
internal static class Serialized
{
    /// <summary>Fifty payments on one invoice finished within a second or two; thirty is room for a loaded machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="work"/> holding the lock of <paramref name="invoiceId"/> (when it has one).</summary>
    public static Task<T> ForInvoiceAsync<T>(this ChatBillingDb db, Guid? invoiceId, Func<Task<T>> work, CancellationToken ct) =>
        RunAsync(db, invoiceId is { } id ? $"SELECT 1 FROM \"Invoices\" WHERE \"Id\" = '{id}' FOR UPDATE" : null, work, ct);

    /// <summary>Runs <paramref name="work"/> holding the lock of the year's number counter, creating the counter first.</summary>
    public static Task<T> ForNumberingAsync<T>(this ChatBillingDb db, int year, Func<Task<T>> work, CancellationToken ct) =>
        RunAsync(db, $"""
            INSERT INTO "InvoiceNumberCounters" ("Year", "Last", "Version") VALUES ({year}, 0, 0) ON CONFLICT DO NOTHING;
            SELECT 1 FROM "InvoiceNumberCounters" WHERE "Year" = {year} FOR UPDATE
            """, work, ct);

    private static async Task<T> RunAsync<T>(ChatBillingDb db, string? postgresLock, Func<Task<T>> work, CancellationToken ct)
    {
        // Wall time, not the injected clock: this waits out real contention, and a test's fake clock never moves by itself.
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            // Already inside a caller's transaction (a submit right after a create): take the lock there, the caller commits.
            if (db.Database.CurrentTransaction is not null)
            {
                await LockAsync(db, postgresLock, ct);
                return await work();
            }
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await LockAsync(db, postgresLock, ct);
                var result = await work();
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (IsContention(e) && clock.Elapsed < Deadline)
            {
                db.ChangeTracker.Clear();
                // Jittered exponential backoff capped at a quarter second keeps 50 waiters from retrying in lockstep.
                var ceiling = Math.Min(250, 5 << Math.Min(attempt, 6));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling)), ct);
            }
        }
    }

    // The lock statements are built from a Guid or an int only, never from caller text.
    private static async Task LockAsync(ChatBillingDb db, string? postgresLock, CancellationToken ct)
    {
        if (postgresLock is not null && db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(postgresLock, ct);
    }

    /// <summary>Failures that mean "someone else was writing at the same moment", never "your request is wrong".</summary>
    public static bool IsContention(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsContention(inner),
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including the busy-snapshot case the busy timeout cannot wait out.
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.LockNotAvailable,
        InvalidOperationException { InnerException: { } inner } => IsContention(inner),
        _ => false,
    };
}
