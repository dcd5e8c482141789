using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// A stand-in for Slack's Web API on loopback Kestrel, written from Slack's method documentation: it checks the bot
/// token, records every call (JSON bodies and form fields alike), answers in Slack's shapes, runs the external file
/// upload flow, and can be told to answer the next call of a method with HTTP 429 + Retry-After or with ok:false. It
/// refuses blocks Slack refuses (<see cref="FakeSlackBlocks"/>), finds people by email from <see cref="Directory"/>, and
/// serves Socket Mode (<see cref="SocketMode"/>) to the app-level token.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotToken = "xoxb-test-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<IResult>>> scripted = new();
    private readonly ConcurrentDictionary<string, long> expectedLengths = new();
    private readonly ConcurrentDictionary<string, bool> completedFiles = new();
    private long sequence;
    private long messages;

    /// <summary>One Web API call: the method and its arguments (form fields as strings).</summary>
    public sealed record Call(string Method, JsonObject Args);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Bytes posted to each upload URL, by file id.</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>Workspace members by email, for users.lookupByEmail.</summary>
    public ConcurrentDictionary<string, string> Directory { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuse every slack_file image, as Slack does for a file it will not show in that channel.</summary>
    public bool RefuseSlackFiles { get; set; }

    public FakeSocketMode SocketMode { get; } = new();

    private FakeSlackApi(WebApplication app) => this.app = app;

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var fake = new FakeSlackApi(builder.Build());
        fake.app.MapPost("/api/{method}", fake.HandleAsync);
        fake.app.MapPost("/upload/{fileId}", fake.UploadAsync);
        fake.app.UseWebSockets();
        fake.app.Map("/link", fake.SocketMode.AcceptAsync);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/') + "/api/";
        return fake;
    }

    /// <summary>The next call of <paramref name="method"/> gets HTTP 429 with <c>Retry-After</c>.</summary>
    public void ThrottleNext(string method, int retryAfterSeconds) => Script(method, () =>
    {
        return Results.Extensions.Throttled(retryAfterSeconds);
    });

    /// <summary>The next call of <paramref name="method"/> gets <c>{"ok":false,"error":…}</c>.</summary>
    public void FailNext(string method, string error) =>
        Script(method, () => Results.Json(new { ok = false, error }));

    /// <summary>The next call of <paramref name="method"/> gets a bare HTTP <paramref name="status"/> (Slack having trouble).</summary>
    public void ServerErrorNext(string method, int status) => Script(method, () => Results.StatusCode(status));

    /// <summary>Channels the bot is a member of (conversations.info's <c>channel.is_member</c>), by id; others are unknown.</summary>
    public ConcurrentDictionary<string, bool> Channels { get; } = new();

    public IReadOnlyList<Call> Of(string method) => Calls.Where(c => c.Method == method).ToList();

    private void Script(string method, Func<IResult> answer) => scripted.GetOrAdd(method, _ => new()).Enqueue(answer);

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        // apps.connections.open takes only the app-level token; every other method only the bot token.
        var token = method == "apps.connections.open" ? FakeSocketMode.AppToken : BotToken;
        if (request.Headers.Authorization.ToString() != $"Bearer {token}")
            return Results.Json(new { ok = false, error = method == "apps.connections.open" ? "not_allowed_token_type" : "not_authed" });
        var args = request.HasFormContentType
            ? new JsonObject((await request.ReadFormAsync()).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))))
            : JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
        Calls.Enqueue(new Call(method, args));
        if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var answer)) return answer();

        if (method is "chat.postMessage" or "chat.update" or "chat.postEphemeral"
            && FakeSlackBlocks.Refusal(args, completedFiles.ContainsKey, RefuseSlackFiles) is { } refused)
            return Results.Json(new { ok = false, error = refused.Error, response_metadata = new { messages = refused.Messages } });
        // Posted messages are numbered on their own, so a card's ts does not depend on how many uploads came before it.
        var ts = method is "chat.postMessage" or "chat.postEphemeral" ? $"1763802000.{Interlocked.Increment(ref messages):D6}" : "";
        return method switch
        {
            "chat.postMessage" when args["channel"] is null || args["text"] is null => Results.Json(new { ok = false, error = "invalid_arguments" }),
            "chat.postMessage" => Results.Json(new { ok = true, channel = Str(args, "channel"), ts, message = new { text = Str(args, "text"), ts } }),
            "chat.update" => Results.Json(new { ok = true, channel = Str(args, "channel"), ts = Str(args, "ts"), text = Str(args, "text") }),
            "chat.postEphemeral" => Results.Json(new { ok = true, message_ts = ts }),
            "views.open" => Results.Json(new { ok = true, view = new { id = $"V{sequence:D8}", type = "modal" } }),
            "files.getUploadURLExternal" => UploadUrl(args, request),
            // https://api.slack.com/methods/auth.test: who the token belongs to.
            "auth.test" => Results.Json(new { ok = true, url = "https://test.slack.com/", team = "Test Team", user = "billing", team_id = "T0TEST", user_id = "U0BOT", bot_id = "B0BOT" }),
            // https://api.slack.com/methods/conversations.info: channel_not_found for a channel the token cannot see.
            "conversations.info" => Channels.TryGetValue(Str(args, "channel") ?? "", out var member)
                ? Results.Json(new { ok = true, channel = new { id = Str(args, "channel"), is_member = member } })
                : Results.Json(new { ok = false, error = "channel_not_found" }),
            "files.completeUploadExternal" => CompleteUpload(args),
            "users.lookupByEmail" => Directory.TryGetValue(Str(args, "email") ?? "", out var userId)
                ? Results.Json(new { ok = true, user = new { id = userId, profile = new { email = Str(args, "email") } } })
                : Results.Json(new { ok = false, error = "users_not_found" }),
            "apps.connections.open" => Results.Json(new { ok = true, url = SocketMode.IssueUrl(request) }),
            _ => Results.Json(new { ok = false, error = "unknown_method" }),
        };
    }

    private IResult UploadUrl(JsonObject args, HttpRequest request)
    {
        if (Str(args, "filename") is null || !long.TryParse(Str(args, "length"), out var length))
            return Results.Json(new { ok = false, error = "invalid_arguments" });
        var fileId = $"F{Interlocked.Increment(ref sequence):D8}";
        expectedLengths[fileId] = length;
        return Results.Json(new { ok = true, upload_url = $"{request.Scheme}://{request.Host}/upload/{fileId}", file_id = fileId });
    }

    private IResult CompleteUpload(JsonObject args)
    {
        var files = JsonNode.Parse(Str(args, "files") ?? "[]")!.AsArray();
        if (files.Count == 0 || files.Any(f => !Uploads.ContainsKey(f!["id"]!.GetValue<string>())))
            return Results.Json(new { ok = false, error = "file_not_found" });
        foreach (var file in files) completedFiles[file!["id"]!.GetValue<string>()] = true;
        return Results.Json(new { ok = true, files = files.Select(f => new { id = f!["id"]!.GetValue<string>(), title = f["title"]?.GetValue<string>() }) });
    }

    private async Task<IResult> UploadAsync(string fileId, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (!expectedLengths.TryGetValue(fileId, out var length) || length != buffer.Length)
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        Uploads[fileId] = buffer.ToArray();
        return Results.Text($"OK - {buffer.Length}");
    }

    private static string? Str(JsonObject args, string name) => args[name]?.ToString();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal static class ThrottledResult
{
    /// <summary>Slack's rate-limit answer: HTTP 429 with the seconds to wait in Retry-After.</summary>
    public static IResult Throttled(this IResultExtensions _, int retryAfterSeconds) => new Throttle(retryAfterSeconds);

    private sealed class Throttle(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = (int)HttpStatusCode.TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return http.Response.WriteAsJsonAsync(new { ok = false, error = "ratelimited" });
        }
    }
}
