using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams.Connector;

/// <summary>What the connector answered to a new conversation: its id and the id of the first activity in it.</summary>
internal sealed record ConversationResource(string Id, string? ActivityId);

/// <summary>
/// The Bot Connector REST API (v3) over HttpClient: create a conversation (a new channel post), reply in a thread,
/// replace an activity. Every send waits its turn in <see cref="TeamsRateLimits"/>; transient failures are retried in place
/// by the HttpClient's <see cref="ChatHttpRetries"/> handler (<see cref="TeamsRegistration"/> sets its policy). What is left
/// is classified the way msteams-docs <c>bots/how-to/conversations/conversation-messages.md</c> ("status codes from bots
/// conversational APIs") says:
/// <list type="bullet">
/// <item>429 (Retry-After given) and 412 ("multiple concurrent operations", retry with backoff) are refused before
/// anything is posted: the handler retries them; a wait longer than <c>Teams:MaxRetryWait</c> goes back to the outbox,
/// which waits exactly that long (<see cref="OutboxRetryAfterException"/>), so no handler or request is held.</item>
/// <item>401: once more with a new bot token.</item>
/// <item>403 (bot not in the conversation, blocked), 404 (conversation or message gone), 413 (too large) and 400:
/// trying again cannot help; the outbox gives up at once and shows the reason (<see cref="OutboxGiveUpException"/>).</item>
/// <item>502, 504 and network failures are ambiguous: the connector may have posted the activity and failed only
/// its answer. A replace (PUT) is idempotent and the handler retries it. A create is not, and the connector takes no
/// idempotency key (openclaw/openclaw#125127, after duplicate deliveries, reads @microsoft/teams.api's
/// <c>activity.create</c> the same way), so a create is never repeated blindly: it is given up with a reason
/// saying the card may be there, and an operator retries it from the exception queue if it is not.</item>
/// </list>
/// Other answers (500, 503 to a create) are left to the outbox's backoff.
/// </summary>
internal sealed class ConnectorClient(
    IHttpClientFactory http, BotTokens tokens, ChatPacer pacer, IOptionsMonitor<TeamsSettings> settings,
    TimeProvider time)
{
    private static readonly HashSet<HttpStatusCode> Ambiguous = [HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];
    private static readonly HashSet<HttpStatusCode> Permanent =
        [HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge];

    /// <summary>What the retry handler may repeat even for a create: refused before the connector acted.</summary>
    internal static readonly IReadOnlySet<HttpStatusCode> RefusedBeforeActing =
        new HashSet<HttpStatusCode> { HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed };

    /// <summary>Posts a new message into a Teams channel, starting its own thread.</summary>
    public async Task<ConversationResource> CreateChannelPostAsync(string serviceUrl, string channelId, JsonObject activity, string? tenantId,
        CancellationToken ct)
    {
        var channelData = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId } };
        if (!string.IsNullOrEmpty(tenantId)) channelData["tenant"] = new JsonObject { ["id"] = tenantId };
        var body = new JsonObject { ["isGroup"] = true, ["channelData"] = channelData, ["activity"] = activity };
        var answer = await SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, channelId, ct);
        var id = answer?["id"]?.GetValue<string>() ?? throw new HttpRequestException("The connector answered no conversation id.");
        return new(id, answer["activityId"]?.GetValue<string>());
    }

    /// <summary>
    /// Replies in the thread of <paramref name="activityId"/>; returns the new activity's id. Not
    /// <paramref name="patient"/>: one attempt, for answers while Teams waits on us (the caller falls back to the outbox).
    /// </summary>
    public async Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct,
        bool patient = true)
    {
        activity["replyToId"] = activityId;
        var answer = await SendAsync(HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, Thread(conversationId), ct,
            patient);
        return answer?["id"]?.GetValue<string>();
    }

    /// <summary>Replaces a posted activity (the approval card) with a new one.</summary>
    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct)
    {
        activity["id"] = activityId;
        return SendAsync(HttpMethod.Put, serviceUrl,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, Thread(conversationId), ct);
    }

    /// <summary>The thread a conversation id names, without the <c>;messageid=</c> of one post in it: pacing is per thread.</summary>
    private static string Thread(string conversationId) => conversationId.Split(';')[0];

    private async Task<JsonObject?> SendAsync(HttpMethod method, string serviceUrl, string path, JsonObject body, string thread, CancellationToken ct,
        bool patient = true)
    {
        var idempotent = method == HttpMethod.Put;
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        var client = http.CreateClient(TeamsRegistration.HttpClientName);
        // A send while Teams waits on us (not patient) never waits for its turn: it goes to the outbox, which sends it
        // when the turn comes; the outbox's own sends wait here only for short turns.
        await pacer.WaitTurnAsync(patient ? settings.CurrentValue.MaxRetryWait : TimeSpan.Zero, ct, TeamsRateLimits.For(thread));
        for (var refreshedToken = false; ; refreshedToken = true)
        {
            // Outside the try: a token endpoint failure means nothing was sent, so it is never "ambiguous".
            var token = await tokens.GetAsync(ct);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Options.Set(ChatHttpRetries.SingleAttempt, !patient);
                response = await client.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException { StatusCode: null } or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (!idempotent)
                    throw new OutboxGiveUpException(
                        $"Teams connector {method} {path} failed without an answer ({e.Message}); it may have been posted, so it is not repeated.", e);
                throw new HttpRequestException($"Teams connector {method} {path} failed: {e.Message}", e);
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(ct);
                    return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
                }
                var status = response.StatusCode;
                var answer = $"Teams connector {method} {path} answered {(int)status}: {Snippet(await response.Content.ReadAsStringAsync(ct))}";
                if (status == HttpStatusCode.Unauthorized && !refreshedToken)
                {
                    // A rotated secret or revoked token: one more try with a fresh token.
                    tokens.Forget();
                    continue;
                }
                if (Permanent.Contains(status) || status == HttpStatusCode.Unauthorized)
                    throw new OutboxGiveUpException($"{answer} {Why(status)}", new HttpRequestException(answer, null, status));
                if (Ambiguous.Contains(status) && !idempotent)
                    throw new OutboxGiveUpException(
                        $"{answer} The connector may have posted it anyway, so it is not repeated (that could post it twice); retry it if it is missing.",
                        new HttpRequestException(answer, null, status));
                // Retry-After is honoured even when long: the outbox waits that long instead of this call.
                if (RefusedBeforeActing.Contains(status) && RetryAfterHeader.Of(response, time) is { } later)
                    throw new OutboxRetryAfterException(later, answer);
                throw new HttpRequestException(answer, null, status);
            }
        }
    }

    private static string Why(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden => "The bot is not in that conversation, was blocked, or may not post there.",
        HttpStatusCode.NotFound => "The conversation or the message no longer exists.",
        HttpStatusCode.RequestEntityTooLarge => "The message is larger than Teams accepts.",
        HttpStatusCode.Unauthorized => "The connector refused a fresh bot token too: check Teams:AppId, Teams:AppPassword and Teams:TenantId.",
        _ => "Teams refused the message as malformed.",
    };

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "…";

    internal static JsonObject Message(string? text = null, JsonObject? card = null, JsonArray? entities = null)
    {
        var activity = new JsonObject { ["type"] = "message" };
        if (text is not null) activity["text"] = text;
        if (card is not null)
            activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = TeamsCards.ContentType, ["content"] = card });
        if (entities is not null) activity["entities"] = entities;
        return activity;
    }
}
