using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Postgres;
using ChatBilling.Tests.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The card updates a batch of decisions causes read their posts and build their cards together, once, right after the
/// batch's commit: the same cards as built one by one, in a fixed number of reads, and a refused click still alone.
/// </summary>
public abstract class CardReadAheadScenarios : IAsyncLifetime
{
    private readonly TableReads reads = new();
    private SlackHarness slack = null!;

    /// <summary>The host's configuration (store provider) on top of one chat worker and no pacing.</summary>
    protected abstract BillingApp OnStore(BillingApp app);

    public async Task InitializeAsync()
    {
        slack = new SlackHarness(configure: app => OnStore(DecisionBatchTests.Batching(reads.Into(app))));
        await slack.InitializeAsync();
    }

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task Cards_built_together_are_the_cards_built_one_by_one()
    {
        var posted = await DecisionBatchTests.PostedAsync(slack, 3);
        (await slack.ClickAsync(DanaUser, "approve", posted[0].ButtonValue, "t-alone-0")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        // One approved, two waiting (each with its buttons, checks and mentions).
        var ids = posted.Select(p => Guid.Parse(p.Id)).ToList();

        await using var scope = slack.App.Services.CreateAsyncScope();
        var cards = scope.ServiceProvider.GetRequiredService<ApprovalCards>();
        var together = await cards.ForChannelManyAsync(ids);
        foreach (var id in ids)
            Assert.Equal(Json(await cards.ForChannelAsync(id)), Json(together[id]));
        Assert.Equal(ids.Order(), together.Keys.Order());
    }

    /// <summary>PostgreSQL reads ahead (a round trip saved per update); SQLite, whose reads cost no round trip, reads per update.</summary>
    protected abstract bool ReadsAhead { get; }

    [Fact]
    public async Task A_batch_of_card_updates_reads_its_posts_once_on_postgres_and_per_update_on_sqlite()
    {
        var posted = await DecisionBatchTests.PostedAsync(slack, 4);
        for (var i = 0; i < posted.Count; i++)
            (await slack.ClickAsync(DanaUser, "approve", posted[i].ButtonValue, $"t-read-{i}")).EnsureSuccessStatusCode();
        var before = reads.Of("ChatPosts");

        await slack.DrainAsync();

        // Four cards updated, each showing its decision, from one read of the posts on PostgreSQL (not one per update).
        Assert.Equal(4, slack.Slack.Of("chat.update").Count(u => u.Args["text"].Str().Contains("Approved by Dana Approver")));
        Assert.Equal(ReadsAhead ? 1 : 4, reads.Of("ChatPosts") - before);
    }

    [Fact]
    public async Task A_stale_click_in_a_batch_is_refused_alone_and_updates_no_card()
    {
        var posted = await DecisionBatchTests.PostedAsync(slack, 3);
        (await slack.ClickAsync(DanaUser, "approve", posted[1].ButtonValue, "t-first")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        var updatesBefore = slack.Slack.Of("chat.update").Count;

        (await slack.ClickAsync(DanaUser, "approve", posted[0].ButtonValue, "t-batch-0")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(SamUser, "approve", posted[1].ButtonValue, "t-stale")).EnsureSuccessStatusCode(); // decided already
        (await slack.ClickAsync(DanaUser, "approve", posted[2].ButtonValue, "t-batch-2")).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        await DecisionBatchTests.AssertApprovedAsync(slack, posted[0].Id);
        await DecisionBatchTests.AssertApprovedAsync(slack, posted[2].Id);
        Assert.Single(await slack.Http.HistoryAsync(posted[1].Id), h => h!["action"].Str() == "approved");
        var refusal = Assert.Single(slack.Slack.Of("chat.postEphemeral"), r => r.Args["user"].Str() == SamUser);
        Assert.Contains("already approved by", refusal.Args["text"].Str());
        // Only the two applied decisions changed a card.
        Assert.Equal(2, slack.Slack.Of("chat.update").Count - updatesBefore);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

public sealed class CardReadAheadTests : CardReadAheadScenarios
{
    protected override BillingApp OnStore(BillingApp app) => app;

    protected override bool ReadsAhead => false;
}

[Collection(PostgresCollection.Name)]
public sealed class CardReadAheadOnPostgresTests(PostgresServer postgres) : CardReadAheadScenarios
{
    protected override BillingApp OnStore(BillingApp app) =>
        app.With("Database:Provider", "Postgres").With("ConnectionStrings:ChatBilling", postgres.NewDatabase());

    protected override bool ReadsAhead => true;
}

/// <summary>Counts the reads of each table (statements whose text reads <c>FROM "Table"</c>), for round-trip budgets.</summary>
internal sealed class TableReads : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int Of(string table) => counts.GetValueOrDefault(table);

    public BillingApp Into(BillingApp app) => app.WithServices(services =>
    {
        services.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(this), ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresChatBillingDb>(o => o.AddInterceptors(this), ServiceLifetime.Singleton);
    });

    private void Note(DbCommand command)
    {
        var text = command.CommandText;
        if (!text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) return;
        foreach (var table in new[] { "ChatPosts", "Delegations", "Clients" })
            if (text.Contains($"FROM \"{table}\"", StringComparison.Ordinal)) counts.AddOrUpdate(table, 1, (_, n) => n + 1);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }
}
