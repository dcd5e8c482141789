using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Teams.Bot;

/// <summary>An Approve or Reject click that passed every check, to be applied by the outbox right after the invoke's answer.</summary>
internal sealed record TeamsDecisionWork(Guid InvoiceId, string ApproverEmail, bool Approve, string? Reason, string CardVersion);

/// <summary>
/// Stores Teams decisions through the shared group commit (<see cref="InboundOutbox"/>), the way Slack's clicks are
/// stored: the invoke answers once its batch is committed, so an acknowledged click is never lost, and the key (the
/// activity's conversation and id) stores a redelivered invoke once. Deciding 200 invoices in 200 requests made each
/// wait for SQLite's single writer; storing them takes a few commits, and the decisions follow on the chat lane.
/// </summary>
internal sealed class TeamsDecisionInbox(InboundOutbox inbound)
{
    public const string Kind = "teams.decision";

    /// <summary>Completes once stored; false when this activity was stored before (Teams delivered it again).</summary>
    public Task<bool> QueueAsync(string activityKey, TeamsDecisionWork work, CancellationToken ct) =>
        inbound.QueueAsync(new OutboxItem(Kind, Key(activityKey), work, work.InvoiceId), ct);

    private static string Key(string activityKey)
    {
        var key = $"{Kind}:{activityKey}";
        // Conversation ids can be long; a long pair is hashed so it fits the key column.
        return key.Length <= OutboxMessage.MaxKeyLength ? key
            : $"{Kind}:sha256:{Core.Documents.DocumentHash.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(activityKey))}";
    }
}

/// <summary>
/// Applies a stored Teams decision. The click was checked in the request, so this normally succeeds, and the decision's
/// own card updates (every channel's card, the clicker's included) show the outcome. Someone deciding the same step in
/// between is the one race left: then this one changes nothing, and the winner's card update already says who decided.
/// Batched: store work only, so the decisions a drain claims together are applied in one transaction.
/// </summary>
internal sealed class TeamsDecisionHandler(ApprovalService approvals, ILogger<TeamsDecisionHandler> log) : IOutboxBatchedHandler
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
