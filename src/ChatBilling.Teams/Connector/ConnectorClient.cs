using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams.Connector;

/// <summary>What the connector answered to a new conversation: its id and the id of the first activity in it.</summary>
internal sealed record ConversationResource(string Id, string? ActivityId);

/// <summary>
/// The Bot Connector REST API (v3) over HttpClient: create a conversation (a new channel post), reply in a thread,
/// replace an activity. Transient answers (429, 412, 502, 504, network failures) are retried here with
/// exponential backoff and jitter, honouring Retry-After; anything else throws, for the outbox to retry later.
/// </summary>
internal sealed class ConnectorClient(
    IHttpClientFactory http, BotTokens tokens, ThreadPacer pacer, IOptionsMonitor<TeamsSettings> settings,
    TimeProvider time, ILogger<ConnectorClient> log)
{
    private static readonly HashSet<HttpStatusCode> Transient =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];

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
            patient ? null : 1);
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
        int? maxAttempts = null)
    {
        var s = settings.CurrentValue;
        var attempts = maxAttempts ?? s.MaxAttempts;
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        var client = http.CreateClient(TeamsRegistration.HttpClientName);
        var refreshedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            await pacer.WaitTurnAsync(thread, ct);
            TimeSpan? retryAfter = null;
            HttpStatusCode? status = null;
            try
            {
                using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(ct);
                    return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
                }
                status = response.StatusCode;
                if (status == HttpStatusCode.Unauthorized && !refreshedToken)
                {
                    // A rotated secret or revoked token: one more try with a fresh token.
                    tokens.Forget();
                    refreshedToken = true;
                    attempt--;
                    continue;
                }
                if (!Transient.Contains(response.StatusCode) || attempt >= attempts)
                    throw new HttpRequestException(
                        $"Teams connector {method} {path} answered {(int)response.StatusCode}: {Snippet(await response.Content.ReadAsStringAsync(ct))}",
                        null, response.StatusCode);
                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e) when (e.StatusCode is null && attempt < attempts && !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Teams connector {Method} {Path} failed on attempt {Attempt}; retrying.", method, path, attempt);
            }
            var wait = retryAfter ?? Backoff(s.RetryBaseDelay, attempt);
            if (wait > s.MaxRetryWait)
                throw new HttpRequestException($"Teams connector asks to wait {wait.TotalSeconds:0}s; the outbox retries later.", null, status);
            log.LogInformation("Teams connector answered {Status}; waiting {Wait} before attempt {Next}.", (int?)status, wait, attempt + 1);
            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>Exponential backoff with full jitter, so several hosts retrying together spread out.</summary>
    private static TimeSpan Backoff(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble() / 2)));

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
        _ => null,
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
