using ChatBilling.Core.Clients;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Storage;

/// <summary>
/// The writer gate as the host uses it, on a real SQLite file: concurrent writers through the API all commit; every way a
/// write transaction or statement ends (commit, rollback, an exception, a dispose without either, a one-statement save, an
/// ExecuteUpdate) gives the gate back; a save or a submit inside the context's own transaction does not wait for itself;
/// and the inbound group commit is let in ahead of a writer that queued before it.
/// </summary>
public sealed class SqliteWriterGateAppTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static SqliteWriterGate GateOf(BillingApp app) => SqliteWriterGate.For(new SqliteConnection(app.ConnectionString))!;

    private static Client NewClient(string name) => new() { Name = name, Email = "billing@acme.example", Currency = "EUR" };

    [Fact]
    public async Task Many_concurrent_writers_through_the_api_all_commit_and_leave_the_gate_free()
    {
        using var app = new BillingApp().WithApprovers();
        var http = app.Http();

        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => http.SubmittedInvoiceAsync(100 + i)));
        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => http.CreateClientAsync(name: $"Client {i}")));

        Assert.Equal(24, ids.Distinct().Count());
        Assert.Equal(24, created.Length);
        var gate = GateOf(app);
        Assert.Equal(0, gate.Statistics.TimedOut);
        Assert.True(SqliteWriterGateTests.IsFree(gate));
        var submitted = await app.WithDbAsync(db => db.Invoices.CountAsync(i => i.Status != Core.Invoices.InvoiceStatus.Draft));
        Assert.Equal(24, submitted);
    }

    [Fact]
    public async Task Commit_rollback_an_exception_and_a_dispose_without_commit_each_give_the_gate_back()
    {
        using var app = new BillingApp();
        app.Http();
        var gate = GateOf(app);

        await app.WithDbAsync(async db =>
        {
            await using (var committed = await db.Database.BeginTransactionAsync())
            {
                Assert.True(gate.IsHeldBy(db));
                db.Clients.Add(NewClient("Committed"));
                await db.SaveChangesAsync();
                await committed.CommitAsync();
            }
            Assert.True(SqliteWriterGateTests.IsFree(gate));

            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                db.Clients.Add(NewClient("Rolled back"));
                await db.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }
            Assert.True(SqliteWriterGateTests.IsFree(gate));
            db.ChangeTracker.Clear();

            await using (await db.Database.BeginTransactionAsync())
                Assert.True(gate.IsHeldBy(db)); // disposed without a commit or a rollback
            Assert.True(SqliteWriterGateTests.IsFree(gate));

            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.ForInvoiceAsync<int>(null, () => throw new InvalidOperationException("the work failed"), CancellationToken.None));
            Assert.True(SqliteWriterGateTests.IsFree(gate));
            return 0;
        });

        // A following writer in another context gets in and commits.
        await app.WithDbAsync(db =>
        {
            db.Clients.Add(NewClient("Afterwards"));
            return db.SaveChangesAsync();
        });
        var names = await app.WithDbAsync(db => db.Clients.Select(c => c.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(["Afterwards", "Committed"], names);
        Assert.True(SqliteWriterGateTests.IsFree(gate));
        Assert.Equal(0, gate.Statistics.TimedOut);
    }

    [Fact]
    public async Task Writes_outside_a_transaction_hold_the_gate_only_for_their_statement()
    {
        using var app = new BillingApp();
        app.Http();
        var gate = GateOf(app);

        await app.WithDbAsync(async db =>
        {
            db.Clients.Add(NewClient("One row")); // one INSERT … RETURNING, which EF runs without a transaction
            await db.SaveChangesAsync();
            Assert.True(SqliteWriterGateTests.IsFree(gate));
            Assert.Equal(1, await db.Clients.Where(c => c.Name == "One row").ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Renamed")));
            Assert.True(SqliteWriterGateTests.IsFree(gate));
            Assert.Equal(1, await db.Clients.Where(c => c.Name == "Renamed").ExecuteDeleteAsync());
            Assert.True(SqliteWriterGateTests.IsFree(gate));
            return 0;
        });
    }

    [Fact]
    public async Task A_save_and_a_locked_unit_inside_the_contexts_own_transaction_do_not_wait_for_themselves()
    {
        using var app = new BillingApp();
        app.Http();
        var gate = GateOf(app);
        await app.WithDbAsync(db => db.Clients.AnyAsync()); // the host's start-up writes are over
        gate.ResetStatistics();

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Clients.Add(NewClient("First"));
            db.Clients.Add(NewClient("Second")); // two rows: EF's own batch inside the caller's transaction
            await db.SaveChangesAsync();
            await db.ForNumberingAsync(2026, async () =>
            {
                db.Clients.Add(NewClient("Third"));
                return await db.SaveChangesAsync();
            }, CancellationToken.None);
            await db.Clients.Where(c => c.Name == "Third").ExecuteUpdateAsync(s => s.SetProperty(c => c.Currency, "GBP"));
            await transaction.CommitAsync();
            return 0;
        }).WaitAsync(Patience);

        Assert.Equal(0, gate.Statistics.TimedOut);
        Assert.True(SqliteWriterGateTests.IsFree(gate));
        Assert.Equal(3, await app.WithDbAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task The_inbound_group_commit_is_let_in_ahead_of_an_api_writer_that_queued_before_it()
    {
        using var app = new BillingApp();
        var http = app.Http();
        await http.CreateClientAsync(); // the host has started and written once
        var gate = GateOf(app);
        var holder = new object();
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));
        gate.ResetStatistics();

        var apiQueued = QueuedAt(gate, WriterPriority.Normal);
        var apiWrite = http.CreateClientAsync(name: "Queued first");
        await apiQueued.WaitAsync(Patience);
        var inboundQueued = QueuedAt(gate, WriterPriority.Inbound);
        var click = app.Services.GetRequiredService<InboundOutbox>()
            .QueueAsync(new OutboxItem("test.inbound", "click-1", new { key = "click-1" }), CancellationToken.None);
        await inboundQueued.WaitAsync(Patience);

        gate.Exit(holder);
        Assert.True(await click.WaitAsync(Patience));
        Assert.Equal("Queued first", (await apiWrite.WaitAsync(Patience))["name"]!.ToString());
        Assert.True(gate.Statistics.Overtakes >= 1);
        Assert.Equal(0, gate.Statistics.TimedOut);
    }

    /// <summary>Completes when a writer at <paramref name="priority"/> starts to wait for the gate.</summary>
    private static Task QueuedAt(SqliteWriterGate gate, WriterPriority priority)
    {
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnQueued(WriterPriority p)
        {
            if (p != priority) return;
            gate.Queued -= OnQueued;
            queued.TrySetResult();
        }
        gate.Queued += OnQueued;
        return queued.Task;
    }
}
