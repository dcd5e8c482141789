using System.Data.Common;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The card updates and replies a batch of decisions causes are stored leased to the worker that applied the batch, and
/// that worker carries them out right after the commit, without claiming them: one claim for the clicks and one empty
/// claim to end the drain. Should the worker die between the commit and the feedback, the feedback waits out its lease
/// like any claimed message and is then carried out once.
/// </summary>
public sealed class FeedbackHandOffTests : IAsyncLifetime
{
    private readonly Claims claims = new();
    private readonly SlackHarness slack;

    public FeedbackHandOffTests() => slack = new SlackHarness(configure: app => DecisionBatchTests.Batching(app).WithServices(services =>
    {
        services.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(claims), ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresChatBillingDb>(o => o.AddInterceptors(claims), ServiceLifetime.Singleton);
    }));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    private OutboxDispatcher Dispatcher => slack.App.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task A_batch_s_card_updates_and_replies_are_carried_out_by_its_worker_without_a_claim_of_their_own()
    {
        var posted = await DecisionBatchTests.PostedAsync(slack, 3);
        for (var i = 0; i < posted.Count; i++)
            (await slack.ClickAsync(DanaUser, "approve", posted[i].ButtonValue, $"t-handoff-{i}")).EnsureSuccessStatusCode();
        var before = claims.Count;

        await Dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);

        // The clicks' claim, then the empty claim that ends the drain: the six feedback messages were never claimed.
        Assert.Equal(2, claims.Count - before);
        Assert.Equal(3, slack.Slack.Of("chat.update").Count(u => u.Args["text"].Str().Contains("Approved by Dana Approver")));
        Assert.Equal(3, slack.Slack.Of("chat.postEphemeral").Count(r => r.Args["text"].Str().EndsWith("approved.", StringComparison.Ordinal)));
        var feedback = (await slack.OutboxAsync()).Where(m => m.Kind is "chat.approval.update" or SlackInbox.EphemeralKind).ToList();
        Assert.Equal(6, feedback.Count);
        Assert.All(feedback, m => Assert.Equal((OutboxStatus.Done, 1, (string?)null), (m.Status, m.Attempts, m.LeaseOwner)));
    }

    [Fact]
    public async Task Feedback_of_a_worker_that_died_after_the_commit_waits_out_its_lease_then_goes_once()
    {
        var posted = await DecisionBatchTests.PostedAsync(slack, 3);
        for (var i = 0; i < posted.Count; i++)
            (await slack.ClickAsync(DanaUser, "approve", posted[i].ButtonValue, $"t-died-{i}")).EnsureSuccessStatusCode();

        claims.DieAfterFirstDecisionCommit = true;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher.DrainAsync(OutboxLane.Chat, claims.Death.Token));

        // The decisions are stored; their feedback is stored too, leased to the dead worker, and nothing reached Slack.
        foreach (var (id, _) in posted) await DecisionBatchTests.AssertApprovedAsync(slack, id);
        Assert.Empty(slack.Slack.Of("chat.update"));
        Assert.Empty(slack.Slack.Of("chat.postEphemeral"));
        var leased = (await slack.OutboxAsync()).Where(m => m.Kind is "chat.approval.update" or SlackInbox.EphemeralKind).ToList();
        Assert.Equal(6, leased.Count);
        Assert.All(leased, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(leased, m => Assert.EndsWith("/h", m.LeaseOwner));

        // Another drain leaves them alone while the lease holds, and carries each out once after it ran out.
        await Dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);
        Assert.Empty(slack.Slack.Of("chat.update"));
        slack.App.Clock.Advance(TimeSpan.FromMinutes(6));
        await Dispatcher.DrainAsync(OutboxLane.Chat, CancellationToken.None);
        Assert.Equal(3, slack.Slack.Of("chat.update").Count);
        Assert.Equal(3, slack.Slack.Of("chat.postEphemeral").Count);
        Assert.All((await slack.OutboxAsync()).Where(m => m.Kind is "chat.approval.update" or SlackInbox.EphemeralKind),
            m => Assert.Equal((OutboxStatus.Done, 2), (m.Status, m.Attempts)));
    }

    /// <summary>
    /// Counts the outbox's claims (the UPDATE that leases rows and counts their attempt), and can make the draining host
    /// "die" right after the first commit that stored a decision: the drain's token is cancelled once that commit is in.
    /// </summary>
    private sealed class Claims : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly HashSet<DbTransaction> deciding = [];
        private int count;

        public int Count => Volatile.Read(ref count);

        public bool DieAfterFirstDecisionCommit { get; set; }

        public CancellationTokenSource Death { get; } = new();

        private void Note(DbCommand command)
        {
            var sql = command.CommandText;
            if (sql.Contains("UPDATE \"OutboxMessages\"", StringComparison.Ordinal) && sql.Contains("\"Attempts\" + 1", StringComparison.Ordinal))
                Interlocked.Increment(ref count);
            if (command.Transaction is { } transaction && sql.Contains("UPDATE \"ApprovalSteps\"", StringComparison.Ordinal))
                lock (deciding) deciding.Add(transaction);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            bool decided;
            lock (deciding) decided = deciding.Remove(transaction);
            if (decided && DieAfterFirstDecisionCommit)
            {
                DieAfterFirstDecisionCommit = false;
                Death.Cancel();
            }
            return Task.CompletedTask;
        }
    }
}
