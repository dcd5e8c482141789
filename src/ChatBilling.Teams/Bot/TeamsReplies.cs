using System.Text.Json.Nodes;
using ChatBilling.Core.Outbox;
using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Teams.Bot;

/// <summary>The payload of a reply that could not be sent while Teams waited for our answer.</summary>
internal sealed record TeamsReplyRequest(string ServiceUrl, string ConversationId, string ActivityId, string Activity);

/// <summary>
/// Replies to an activity in its thread: at once, in a single attempt, while Teams waits; when that fails, through
/// the outbox, which retries with backoff. The activity is already recorded as handled, so Teams redelivering it
/// would not bring the reply back: the outbox is what keeps it from being lost.
/// </summary>
internal sealed class TeamsReplies(ConnectorClient connector, OutboxWriter outbox, ILogger<TeamsReplies> log)
{
    public const string Kind = "teams.reply";

    public async Task SendAsync(Activity to, JsonObject reply, CancellationToken ct)
    {
        if (to.ServiceUrl is null || to.Conversation?.Id is null || to.Id is null) return;
        try
        {
            await connector.ReplyAsync(to.ServiceUrl, to.Conversation.Id, to.Id, reply, ct, patient: false);
        }
        catch (OutboxGiveUpException e)
        {
            // Refused for good (403, 404, 413) or possibly posted already (502, 504): the outbox could only repeat it.
            log.LogWarning("Replying to Teams activity {Activity} was not sent and is not retried: {Reason}", to.Id, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or OutboxRetryAfterException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Replying to Teams activity {Activity} failed; the outbox will retry.", to.Id);
            var request = new TeamsReplyRequest(to.ServiceUrl, to.Conversation.Id, to.Id, reply.ToJsonString());
            await outbox.EnqueueAsync(Kind, $"{Kind}:{to.Id}", request, ct: ct);
            await outbox.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Sends a reply the first attempt could not.</summary>
internal sealed class TeamsReplyHandler(ConnectorClient connector) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var reply = message.ReadPayload<TeamsReplyRequest>();
        await connector.ReplyAsync(reply.ServiceUrl, reply.ConversationId, reply.ActivityId,
            JsonNode.Parse(reply.Activity)!.AsObject(), ct);
    }
}
