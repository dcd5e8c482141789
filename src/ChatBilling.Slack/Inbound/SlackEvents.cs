using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c> (Events API), also fed by Socket Mode's <c>events_api</c> envelopes: the URL check, rate-limit
/// notices, and questions asked by mentioning the bot or in a direct message to it. A question is stored under its <c>event_id</c> and answered from the
/// outbox, so Slack's retries (<c>X-Slack-Retry-Num</c>) and repeated deliveries of one event are answered once.
/// </summary>
public static class SlackEvents
{
    public static async Task<IResult> HandleAsync(HttpContext http, SlackInboxWriter inbox, ILogger<SlackInbox> log, CancellationToken ct)
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

    private static async Task<IResult> HandleShapedAsync(HttpContext http, SlackInboxWriter inbox, ILogger<SlackInbox> log, CancellationToken ct)
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
            case "app_rate_limited":
                // Slack stops delivering events for the rest of that minute when an app falls behind
                // (docs.slack.dev/apis/events-api, "Rate limiting": type app_rate_limited with minute_rate_limited).
                var minute = payload["minute_rate_limited"]?.GetValueKind() == JsonValueKind.Number
                    ? DateTimeOffset.FromUnixTimeSeconds(payload["minute_rate_limited"]!.GetValue<long>()) : (DateTimeOffset?)null;
                log.LogWarning("Slack rate-limited event delivery to this app for the minute starting {Minute:u}; events of that minute are not delivered.", minute);
                return TypedResults.Ok();
            case "event_callback" when payload["event"] is JsonObject e && e["type"].Text() == "app_mention":
                return await MentionedAsync(http, payload, e, inbox, log, ct);
            // A direct message to the app (message.im, https://api.slack.com/events/message.im): type "message" with
            // channel_type "im" is how Slack tells a DM from the other message.* events. A plain message has no subtype;
            // edits, deletions and bot posts carry one (message_changed, message_deleted, bot_message) and are not questions.
            case "event_callback" when payload["event"] is JsonObject e && e["type"].Text() == "message" && e["channel_type"].Text() == "im"
                                       && e["subtype"] is null:
                return await MentionedAsync(http, payload, e, inbox, log, ct);
            default:
                // message_changed and every other event: nothing to do, and Slack wants its 200 or it retries.
                return TypedResults.Ok();
        }
    }

    private static async Task<IResult> MentionedAsync(HttpContext http, JsonObject payload, JsonObject e, SlackInboxWriter inbox,
        ILogger log, CancellationToken ct)
    {
        var eventId = payload["event_id"].Text();
        var channel = e["channel"].Text();
        var ts = e["ts"].Text();
        if (string.IsNullOrEmpty(eventId) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(ts))
        {
            // Signed, so it is Slack's: anything but 200 makes Slack deliver it again, three times, to no avail
            // (docs.slack.dev/apis/events-api, "Retries": failures are retried up to three times).
            log.LogWarning("A signed {Type} event without event_id, event.channel or event.ts was ignored.", e["type"].Text());
            return TypedResults.Ok();
        }
        // The bot's own messages (and other bots') are not questions; answering them could loop. An edit of a
        // mention arrives as another app_mention carrying "edited" (or as message_changed): it was answered already.
        if (e["bot_id"] is not null || e["edited"] is not null || e["subtype"].Text() == "message_changed") return TypedResults.Ok();
        var work = new SlackMentionWork(channel, e["thread_ts"].Text() ?? ts, e["user"].Text(), SlackText.DecodeMention(e["text"].Text()));
        if (!await inbox.QueueAsync(SlackInbox.MentionKind, eventId, work, ct))
            log.LogInformation("Slack event {EventId} arrived again (retry {Retry}); already handled.",
                eventId, http.Request.Headers["X-Slack-Retry-Num"].ToString());
        return TypedResults.Ok();
    }
}
