using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Notes, per DbContext, the lanes of the outbox messages a save is about to add (every enqueue, a retried send
/// included: it enqueues a new message), and kicks those lanes once the data is committed: right after SaveChanges when
/// it ran its own transaction, or when the caller's explicit transaction commits. A rollback kicks nothing. This is
/// the "dispatch after commit, poll as the fallback" shape of MassTransit's and Wolverine's transactional outboxes.
/// </summary>
internal sealed class OutboxCommitTracker(OutboxSignal signal, OutboxLanes lanes)
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    public void Saving(DbContext? context)
    {
        if (context is null) return;
        var touched = context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added)
            .Select(e => lanes.LaneOf(e.Entity.Kind)).ToList();
        if (touched.Count == 0) return;
        lock (pending) pending.GetOrCreateValue(context).UnionWith(touched);
    }

    /// <summary>After a save: kicks now unless an explicit transaction still has to commit.</summary>
    public void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Committed(context);
    }

    public void Committed(DbContext? context)
    {
        if (context is null) return;
        HashSet<string>? committed;
        lock (pending)
        {
            if (!pending.TryGetValue(context, out committed)) return;
            pending.Remove(context);
        }
        signal.CommittedFor(committed);
    }

    public void Forget(DbContext? context)
    {
        if (context is null) return;
        lock (pending) pending.Remove(context);
    }
}

/// <summary>The SaveChanges half of <see cref="OutboxCommitTracker"/>.</summary>
internal sealed class OutboxSaveInterceptor(OutboxCommitTracker tracker) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        tracker.Saving(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        // Inside a batch of decisions the keys this save adds are looked up here, together (see OutboxWriter.EnqueueAsync).
        if (OutboxHandOff.Current is { } batch && eventData.Context is { } context) await batch.DropStoredAsync(context, ct);
        tracker.Saving(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        tracker.Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        tracker.Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A failed save inside an explicit transaction may be retried by the caller, which notes its messages again.
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) tracker.Forget(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }
}

/// <summary>The explicit-transaction half of <see cref="OutboxCommitTracker"/>: kick on commit, forget on rollback.</summary>
internal sealed class OutboxTransactionInterceptor(OutboxCommitTracker tracker) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        tracker.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        tracker.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        tracker.Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        tracker.Forget(eventData.Context);
        return Task.CompletedTask;
    }
}
