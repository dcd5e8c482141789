using ChatBilling.Core.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatBilling.Tests.Storage;

/// <summary>
/// The writer gate itself: one holder at a time, the next let in the moment the holder leaves, by priority and then in
/// arrival order; the holder is let through again without waiting for itself; a cancelled wait leaves nothing behind.
/// Each test holds the gate itself and queues the others, so the order is decided by the test, not by timing.
/// </summary>
public sealed class SqliteWriterGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static SqliteWriterGate NewGate() =>
        SqliteWriterGate.For(new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db")}"))!;

    /// <summary>True when a newcomer gets in at once (nobody holds the gate); the newcomer leaves again.</summary>
    public static bool IsFree(SqliteWriterGate gate)
    {
        var probe = new object();
        var entered = gate.EnterAsync(probe, WriterPriority.Normal, CancellationToken.None);
        var free = entered.IsCompletedSuccessfully && entered.Result;
        if (!free) _ = entered.AsTask().ContinueWith(_ => gate.Exit(probe), TaskScheduler.Default);
        else gate.Exit(probe);
        return free;
    }

    [Fact]
    public async Task A_priority_waiter_overtakes_a_normal_one_that_queued_before_it()
    {
        var gate = NewGate();
        var (holder, email, click) = (new object(), new object(), new object());
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));

        var emailTurn = gate.EnterAsync(email, WriterPriority.Normal, CancellationToken.None).AsTask();
        var clickTurn = gate.EnterAsync(click, WriterPriority.Inbound, CancellationToken.None).AsTask();
        Assert.False(emailTurn.IsCompleted);
        Assert.False(clickTurn.IsCompleted);

        gate.Exit(holder);
        Assert.True(await clickTurn.WaitAsync(Patience));
        Assert.False(emailTurn.IsCompleted); // still behind the click
        Assert.True(gate.IsHeldBy(click));

        gate.Exit(click);
        Assert.True(await emailTurn.WaitAsync(Patience));
        gate.Exit(email);
        Assert.True(IsFree(gate));
        Assert.Equal(1, gate.Statistics.Overtakes);
        Assert.Equal(2, gate.Statistics.Waits);
    }

    [Fact]
    public async Task Writers_of_one_priority_are_let_in_in_the_order_they_came()
    {
        var gate = NewGate();
        var holder = new object();
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));
        var writers = Enumerable.Range(0, 5).Select(_ => new object()).ToList();
        var turns = writers.Select(w => gate.EnterAsync(w, WriterPriority.Chat, CancellationToken.None).AsTask()).ToList();

        var previous = holder;
        foreach (var (writer, turn) in writers.Zip(turns))
        {
            gate.Exit(previous);
            Assert.True(await turn.WaitAsync(Patience));
            Assert.True(gate.IsHeldBy(writer));
            previous = writer;
        }
        gate.Exit(previous);
        Assert.True(IsFree(gate));
    }

    [Fact]
    public async Task The_holder_is_let_through_again_without_waiting_for_itself_and_one_exit_releases()
    {
        var gate = NewGate();
        var holder = new object();
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));
        var again = gate.EnterAsync(holder, WriterPriority.Inbound, CancellationToken.None);
        Assert.True(again.IsCompletedSuccessfully);
        Assert.False(await again); // nothing more to release

        gate.Exit(holder);
        gate.Exit(holder); // a second exit (a rollback after a failed commit) is harmless
        Assert.True(IsFree(gate));
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_the_next_writer_gets_in()
    {
        var gate = NewGate();
        var (holder, impatient, next) = (new object(), new object(), new object());
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));
        using var giveUp = new CancellationTokenSource();
        var impatientTurn = gate.EnterAsync(impatient, WriterPriority.Inbound, giveUp.Token).AsTask();
        var nextTurn = gate.EnterAsync(next, WriterPriority.Normal, CancellationToken.None).AsTask();

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatientTurn);
        gate.Exit(holder);

        Assert.True(await nextTurn.WaitAsync(Patience));
        Assert.False(gate.IsHeldBy(impatient));
        gate.Exit(next);
        Assert.True(IsFree(gate));
    }

    [Fact]
    public async Task A_writer_that_leaves_without_holding_changes_nothing()
    {
        var gate = NewGate();
        var holder = new object();
        Assert.True(await gate.EnterAsync(holder, WriterPriority.Normal, CancellationToken.None));
        gate.Exit(new object());
        Assert.True(gate.IsHeldBy(holder));
        gate.Exit(holder);
        Assert.True(IsFree(gate));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void In_memory_SQLite_has_no_gate(string connectionString) =>
        Assert.Null(SqliteWriterGate.For(new SqliteConnection(connectionString)));

    [Fact]
    public void PostgreSQL_has_no_gate() =>
        Assert.Null(SqliteWriterGate.For(new NpgsqlConnection("Host=localhost;Database=none")));

    [Fact]
    public void One_file_has_one_gate_however_its_connection_string_names_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");
        var first = SqliteWriterGate.For(new SqliteConnection($"Data Source={file}"));
        var second = SqliteWriterGate.For(new SqliteConnection($"Data Source={file};Pooling=False"));
        Assert.Same(first, second);
        Assert.NotSame(first, NewGate());
    }
}
