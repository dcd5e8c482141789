using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c> (Events API): the URL check, and questions asked by mentioning the bot. A mention is stored
/// under its <c>event_id</c> and answered from the outbox, so Slack's retries (<c>X-Slack-Retry-Num</c>) and repeated
/// deliveries of one event are answered once.
/// </summary>
public static class SlackEvents
{
    public static async Task<IResult> HandleAsync(HttpContext http, SlackInbox inbox, ILogger<SlackInbox> log, CancellationToken ct)
    {
        try
        {
            return await HandleShapedAsync(http, inbox, log, ct);
        }
        catch (Exception e) when (SlackJson.IsShapeError(e))
        {
            log.LogInformation("A signed Slack event had an unexpected shape: {Error}", e.Message);
            return SlackInteractions.BadPayload("The event's JSON is not shaped as the Events API documents it.");
        }
    }

    private static async Task<IResult> HandleShapedAsync(HttpContext http, SlackInbox inbox, ILogger<SlackInbox> log, CancellationToken ct)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(SlackBody.Of(http)) as JsonObject;
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload is null) return SlackInteractions.BadPayload("The body must be a Slack Events API JSON object.");

        switch (payload["type"].Text())
        {
            case "url_verification":
                return TypedResults.Ok(new { challenge = payload["challenge"].Text() });
            case "event_callback" when payload["event"] is JsonObject e && e["type"].Text() == "app_mention":
                var eventId = payload["event_id"].Text();
                var channel = e["channel"].Text();
                var ts = e["ts"].Text();
                if (string.IsNullOrEmpty(eventId) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(ts))
                    return SlackInteractions.BadPayload("An app_mention needs event_id, event.channel and event.ts.");
                // The bot's own messages (and other bots') are not questions; answering them could loop.
                if (e["bot_id"] is not null) return TypedResults.Ok();
                var work = new SlackMentionWork(channel, e["thread_ts"].Text() ?? ts, e["user"].Text(), e["text"].Text() ?? "");
                if (!await inbox.QueueAsync(SlackInbox.MentionKind, eventId, work, ct))
                    log.LogInformation("Slack event {EventId} arrived again (retry {Retry}); already handled.",
                        eventId, http.Request.Headers["X-Slack-Retry-Num"].ToString());
                return TypedResults.Ok();
            default:
                return TypedResults.Ok();
        }
    }
}
