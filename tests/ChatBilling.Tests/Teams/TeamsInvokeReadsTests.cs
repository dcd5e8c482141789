using System.Collections.Concurrent;
using System.Data.Common;
using ChatBilling.Core.Storage;
using ChatBilling.Tests.Approvals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Teams;

/// <summary>
/// The statements an Approve invoke runs before it is answered: on 2 cores at 200 concurrent invokes each read is CPU
/// taken from the others (EF's query pipeline and SQLite were two thirds of the request's CPU), so the count is guarded.
/// </summary>
public sealed class TeamsInvokeReadsTests
{
    /// <summary>Every command any context of the host runs, in order.</summary>
    private sealed class Commands : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Seen.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            Seen.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task An_approve_invoke_reads_the_card_and_its_facts_once_with_todays_delegations_from_the_hosts_copy()
    {
        var commands = new Commands();
        await using var host = new TeamsHost(app => app.WithServices(s =>
            s.ConfigureDbContext<SqliteChatBillingDb>(o => o.AddInterceptors(commands), ServiceLifetime.Singleton)));
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        // Someone's card was shown a moment ago, so the host's copy of today's delegations is fresh.
        (await host.SendAsync(host.Invoke("r-1", "refresh", id, version, "aad-dana"))).EnsureSuccessStatusCode();

        commands.Seen.Clear();
        (await host.SendAsync(host.Invoke("i-1", "approve", id, version, "aad-dana"))).EnsureSuccessStatusCode();

        var reads = commands.Seen.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && !c.Contains("\"OutboxMessages\"", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count <= 5, string.Join("\n---\n", commands.Seen));
        Assert.DoesNotContain(reads, c => c.Contains("\"Delegations\"", StringComparison.Ordinal));
        Assert.Single(reads, c => c.Contains("FROM \"Invoices\"", StringComparison.Ordinal));
    }
}
