using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Teams.Bot;

/// <summary>An Approve or Reject click that passed every check, to be applied by the outbox right after the invoke's answer.</summary>
internal sealed record TeamsDecisionWork(Guid InvoiceId, string ApproverEmail, bool Approve, string? Reason, string CardVersion);

/// <summary>
/// Stores Teams decisions with group commit (<see cref="GroupCommit{TItem,TResult}"/>), the way Slack's clicks are
/// stored: the invoke answers once its batch is committed, so an acknowledged click is never lost, and the key (the
/// activity's conversation and id) stores a redelivered invoke once. Deciding 200 invoices in 200 requests made each
/// wait for SQLite's single writer; storing them takes a few commits, and the decisions follow on the chat lane.
/// </summary>
internal sealed class TeamsDecisionInbox : BackgroundService
{
    public const string Kind = "teams.decision";

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<TeamsDecisionInbox> log;
    private readonly GroupCommit<OutboxItem, bool> commits;

    public TeamsDecisionInbox(IServiceScopeFactory scopes, ILogger<TeamsDecisionInbox> log)
    {
        this.scopes = scopes;
        this.log = log;
        commits = new(SaveAsync);
    }

    /// <summary>Completes once stored; false when this activity was stored before (Teams delivered it again).</summary>
    public Task<bool> QueueAsync(string activityKey, TeamsDecisionWork work, CancellationToken ct) =>
        commits.SubmitAsync(new OutboxItem(Kind, Key(activityKey), work, work.InvoiceId), ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => commits.RunAsync(stoppingToken);

    private static string Key(string activityKey)
    {
        var key = $"{Kind}:{activityKey}";
        // Conversation ids can be long; a long pair is hashed so it fits the key column.
        return key.Length <= OutboxMessage.MaxKeyLength ? key
            : $"{Kind}:sha256:{Core.Documents.DocumentHash.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(activityKey))}";
    }

    private async Task<IReadOnlyList<bool>> SaveAsync(IReadOnlyList<OutboxItem> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            var added = await outbox.EnqueueManyAsync(batch, ct);
            await outbox.SaveChangesAsync(ct);
            return added;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Storing {Count} Teams decision(s) failed; their invokes answer 500 and Teams shows an error.", batch.Count);
            throw;
        }
    }
}

/// <summary>
/// Applies a stored Teams decision. The click was checked in the request, so this normally succeeds, and the decision's
/// own card updates (every channel's card, the clicker's included) show the outcome. Someone deciding the same step in
/// between is the one race left: then this one changes nothing, and the winner's card update already says who decided.
/// </summary>
internal sealed class TeamsDecisionHandler(ApprovalService approvals, ILogger<TeamsDecisionHandler> log) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var work = message.ReadPayload<TeamsDecisionWork>();
        try
        {
            await approvals.DecideAsync(work.InvoiceId,
                new DecisionRequest(work.ApproverEmail, work.Approve, work.Reason, work.CardVersion), TeamsServiceUrls.Channel, ct);
        }
        catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException
                                       or InvalidInputException or NotFoundException)
        {
            log.LogInformation("A Teams decision on invoice {InvoiceId} changed nothing: {Why}", work.InvoiceId, e.Message);
        }
    }
}
