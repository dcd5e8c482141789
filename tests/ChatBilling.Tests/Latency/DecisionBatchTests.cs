using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using ChatBilling.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The chat lane applies the click decisions it claims together in one transaction, each with its own checks and history:
/// one commit for the lot, a refused one changing nothing, and a crash before the commit applying nothing until the
/// messages are claimed again, then each once. One chat worker, so a drain claims every stored click at once.
/// </summary>
public sealed class DecisionBatchTests : IAsyncLifetime
{
    private readonly DecisionCommits commits = new();
    private readonly SlackHarness slack;

    public DecisionBatchTests() => slack = new SlackHarness(configure: app => Batching(commits.Into(app)));

    /// <summary>
    /// One chat worker; and no pacing, which would hold the second card into the channel for a second of the fake clock
    /// that never moves by itself (pacing is SlackBudgetTests' subject, not this one's).
    /// </summary>
    internal static BillingApp Batching(BillingApp app) => app.With("Outbox:ChatParallelism", "1").With("Slack:PaceCalls", "false");

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task Clicks_drained_together_are_decided_in_one_commit_each_with_its_own_history_card_and_reply()
    {
        var posted = await PostedAsync(slack, 4);
        var before = commits.Count;

        for (var i = 0; i < posted.Count; i++)
            (await slack.ClickAsync(DanaUser, "approve", posted[i].ButtonValue, $"t-batch-{i}")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal(1, commits.Count - before);
        foreach (var (id, _) in posted)
        {
            await AssertApprovedAsync(slack, id);
            var approved = Assert.Single(await slack.Http.HistoryAsync(id), h => h!["action"].Str() == "approved")!;
            Assert.Equal((ApprovalFixture.Dana, "slack"), (approved["actor"].Str(), approved["channel"].Str()));
        }
        Assert.Equal(4, slack.Slack.Of("chat.update").Count(u => u.Args["text"].Str().Contains("Approved by Dana Approver")));
        Assert.Equal(4, slack.Slack.Of("chat.postEphemeral").Count(r => r.Args["text"].Str().EndsWith("approved.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_click_that_is_not_permitted_fails_alone_and_changes_nothing_for_the_others()
    {
        var posted = await PostedAsync(slack, 3);

        (await slack.ClickAsync(DanaUser, "approve", posted[0].ButtonValue, "t-ok-0")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(FinUser, "approve", posted[1].ButtonValue, "t-refused")).EnsureSuccessStatusCode(); // finance, not approver
        (await slack.ClickAsync(DanaUser, "approve", posted[2].ButtonValue, "t-ok-2")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        await AssertApprovedAsync(slack, posted[0].Id);
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(posted[1].Id));
        await AssertApprovedAsync(slack, posted[2].Id);
        Assert.DoesNotContain(await slack.Http.HistoryAsync(posted[1].Id), h => h!["action"].Str() == "approved");
        var refusal = Assert.Single(slack.Slack.Of("chat.postEphemeral"), r => r.Args["user"].Str() == FinUser);
        Assert.Contains("does not hold the approver role", refusal.Args["text"].Str());
        // Told and done: a refusal is an answer, not a failure to retry.
        Assert.All((await slack.OutboxAsync()).Where(m => m.Kind == SlackInbox.DecisionKind), m => Assert.Equal(OutboxStatus.Done, m.Status));
    }

    [Fact]
    public async Task A_crash_between_the_claim_and_the_commit_applies_nothing_then_each_decision_once()
    {
        var posted = await PostedAsync(slack, 3);
        for (var i = 0; i < posted.Count; i++)
            (await slack.ClickAsync(DanaUser, "approve", posted[i].ButtonValue, $"t-crash-{i}")).EnsureSuccessStatusCode();

        commits.CrashAtFirstCommit = true;
        var dispatcher = slack.App.Services.GetRequiredService<OutboxDispatcher>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DrainAsync(commits.Crash.Token));

        // Nothing of the batch is visible: no decision, no card update, no reply; the clicks are still claimed.
        foreach (var (id, _) in posted) Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Empty(slack.Slack.Of("chat.update"));
        var clicks = (await slack.OutboxAsync()).Where(m => m.Kind == SlackInbox.DecisionKind).ToList();
        Assert.All(clicks, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
        Assert.All(clicks, m => Assert.NotNull(m.LeaseExpiresAt));

        // The dead host's leases run out; the next drain takes the clicks again and applies each one once.
        slack.App.Clock.Advance(TimeSpan.FromMinutes(6));
        await slack.DrainAsync();
        foreach (var (id, _) in posted)
        {
            await AssertApprovedAsync(slack, id);
            Assert.Single(await slack.Http.HistoryAsync(id), h => h!["action"].Str() == "approved");
        }
        Assert.Equal(3, slack.Slack.Of("chat.postEphemeral").Count);
        Assert.Equal(3, slack.Slack.Of("chat.update").Count);
    }

    [Fact]
    public async Task In_production_the_cards_of_a_batch_are_updated_right_after_its_commit_without_the_poll()
    {
        var production = new SlackHarness(backgroundDrains: true, configure: app => Batching(app));
        await production.InitializeAsync();
        try
        {
            var posted = await PostedAsync(production, 3);

            await Task.WhenAll(posted.Select((p, i) => production.ClickAsync(DanaUser, "approve", p.ButtonValue, $"t-kick-{i}")));

            // Nobody runs the sends job (the fake clock never reaches the minute poll): the commits' kicks do it all, and
            // each update shows the decision, so it was rendered from the committed state.
            await EventuallyAsync(() => Task.FromResult(production.Slack.Of("chat.update").Count(u =>
                u.Args["text"].Str().Contains("Approved by Dana Approver")) == 3));
            foreach (var (id, _) in posted) Assert.NotEqual("PendingApproval", await production.Http.StatusAsync(id));
        }
        finally
        {
            await production.DisposeAsync();
        }
    }

    /// <summary>
    /// Submitted invoices with their cards posted, and each card's own Approve value: with background drains the harness
    /// may return before the newest card is out, so the value is read from the card that names the invoice.
    /// </summary>
    internal static async Task<List<(string Id, string ButtonValue)>> PostedAsync(SlackHarness harness, int count)
    {
        var posted = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var (id, _) = await harness.PostedInvoiceAsync();
            string? value = null;
            await EventuallyAsync(() => Task.FromResult((value = ApproveValueOf(harness, id)) is not null));
            posted.Add((id, value!));
        }
        return posted;
    }

    private static string? ApproveValueOf(SlackHarness harness, string id) =>
        harness.Slack.Of("chat.postMessage").Where(c => c.Args["blocks"] is not null)
            .SelectMany(c => c.Args["blocks"]!.AsArray()).Where(b => b?["type"]?.ToString() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e?["action_id"]?.ToString() == "approve" ? e["value"]?.ToString() : null)
            .FirstOrDefault(v => v is not null && v.Contains(id, StringComparison.Ordinal));

    /// <summary>Approved, and perhaps emailed already: the email lane drains beside the chat lane.</summary>
    internal static async Task AssertApprovedAsync(SlackHarness harness, string id) =>
        Assert.Contains(await harness.Http.StatusAsync(id), new[] { "Approved", "Sent" });
}

/// <summary>The same batch on PostgreSQL, whose decisions lock their invoices' rows inside the batch's transaction.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DecisionBatchOnPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Clicks_drained_together_are_decided_in_one_commit_and_a_refused_one_changes_nothing()
    {
        var commits = new DecisionCommits();
        var slack = new SlackHarness(configure: app => DecisionBatchTests.Batching(commits.Into(app))
            .With("Database:Provider", "Postgres").With("ConnectionStrings:ChatBilling", postgres.NewDatabase()));
        await slack.InitializeAsync();
        try
        {
            var posted = await DecisionBatchTests.PostedAsync(slack, 3);
            var before = commits.Count;

            (await slack.ClickAsync(DanaUser, "approve", posted[0].ButtonValue, "t-pg-0")).EnsureSuccessStatusCode();
            (await slack.ClickAsync(FinUser, "approve", posted[1].ButtonValue, "t-pg-refused")).EnsureSuccessStatusCode();
            (await slack.ClickAsync(SamUser, "approve", posted[2].ButtonValue, "t-pg-2")).EnsureSuccessStatusCode();
            await slack.DrainAsync();

            Assert.Equal(1, commits.Count - before);
            await DecisionBatchTests.AssertApprovedAsync(slack, posted[0].Id);
            Assert.Equal("PendingApproval", await slack.Http.StatusAsync(posted[1].Id));
            await DecisionBatchTests.AssertApprovedAsync(slack, posted[2].Id);
            Assert.Equal(2, slack.Slack.Of("chat.update").Count(u => u.Args["text"].Str().Contains("Approved by")));
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }
}
