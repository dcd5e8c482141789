using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// The few Slack Web API methods the bot uses, over HttpClient with the bot token. Failures are thrown in the
/// outbox's terms: <see cref="OutboxRetryAfterException"/> for HTTP 429, <see cref="OutboxGiveUpException"/> for an
/// <c>ok:false</c> that retrying cannot fix, any other exception for "try again later". Every call waits its turn in
/// <see cref="SlackPacing"/> first, and a 429 holds that call's lane back.
/// </summary>
public sealed class SlackApi(HttpClient http, SlackPacing pacing, IOptions<SlackSettings> settings, TimeProvider time, ILogger<SlackApi> log)
{
    // Methods that read or replace: a network failure or 5xx may be retried in place (ChatHttpRetries). The rest create
    // (a message, an ephemeral, a shared file, a modal) and are never repeated blindly.
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        "auth.test", "chat.update", "conversations.info", "users.lookupByEmail", "files.getUploadURLExternal", "apps.connections.open",
    };

    /// <summary>Used when a 429 comes without a usable Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Calls a method with a JSON body (chat.postMessage, chat.update, views.open…).</summary>
    public Task<JsonObject> CallAsync(string method, JsonObject arguments, CancellationToken ct) =>
        SendAsync(method, arguments["channel"]?.ToString(), () => JsonContent.Create(arguments, options: null), settings.Value.BotToken, ct);

    /// <summary>Calls a method with another token (apps.connections.open takes the app-level <c>xapp-</c> token).</summary>
    public Task<JsonObject> CallWithTokenAsync(string method, string token, CancellationToken ct) =>
        SendAsync(method, null, () => new FormUrlEncodedContent([]), token, ct);

    /// <summary>Calls a method that takes form fields (the files.* upload methods do not read JSON bodies).</summary>
    public Task<JsonObject> CallFormAsync(string method, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct) =>
        SendAsync(method, null, () => new FormUrlEncodedContent(fields), settings.Value.BotToken, ct);

    /// <summary>Posts file bytes to an upload URL from files.getUploadURLExternal; that URL is pre-authorised.</summary>
    public async Task UploadAsync(string uploadUrl, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        using var content = new ReadOnlyMemoryContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync(uploadUrl, content, ct);
        ThrowIfThrottled("file upload", null, response);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Slack's file upload answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    private async Task<JsonObject> SendAsync(string method, string? channel, Func<HttpContent> content, string? token, CancellationToken ct)
    {
        await pacing.WaitTurnAsync(method, channel, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content() };
        request.Options.Set(ChatHttpRetries.Repeatable, Repeatable.Contains(method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        ThrowIfThrottled(method, channel, response);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Slack {method} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct)
            ?? throw new HttpRequestException($"Slack {method} answered an empty body.");
        if (body["ok"]?.GetValue<bool>() == true) return body;

        var error = body["error"]?.GetValue<string>() ?? "unknown_error";
        pacing.Refund(method, channel);
        var retryable = SlackErrors.IsRetryable(error);
        log.LogWarning("Slack {Method} failed with {Error} ({Outcome}).", method, error, retryable ? "will retry" : "not retried");
        var message = $"Slack {method} failed: {error}{Detail(body)}";
        if (retryable) throw new SlackApiException(method, error, message);
        throw new OutboxGiveUpException(message, new SlackApiException(method, error, message));
    }

    private void ThrowIfThrottled(string what, string? channel, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests) return;
        var wait = RetryAfterHeader.Of(response, time) ?? DefaultRetryAfter;
        log.LogWarning("Slack rate-limited {Method}; trying again in {Wait}.", what, wait);
        pacing.HoldOff(what, channel, wait);
        throw new OutboxRetryAfterException(wait, $"Slack rate-limited {what}; Retry-After {wait.TotalSeconds:0} s.");
    }

    // invalid_blocks and friends say which field was wrong in response_metadata.messages.
    private static string Detail(JsonObject body) =>
        body["response_metadata"]?["messages"] is JsonArray { Count: > 0 } messages ? $" ({string.Join("; ", messages)})" : "";
}

/// <summary>An <c>ok:false</c> answer from Slack that may go away on its own; retried by the outbox.</summary>
public sealed class SlackApiException(string method, string error, string message) : Exception(message)
{
    public string Method { get; } = method;
    public string Error { get; } = error;
}
