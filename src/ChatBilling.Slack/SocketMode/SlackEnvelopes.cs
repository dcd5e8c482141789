using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.SocketMode;

/// <summary>
/// Hands a Socket Mode envelope to the very handler its request URL uses (<see cref="SlackEvents"/>,
/// <see cref="SlackInteractions"/>, <see cref="SlackCommands"/>), built with ASP.NET Core's own
/// <see cref="RequestDelegateFactory"/> so parameters bind and results write exactly as on the HTTP route, and returns
/// what that route would have answered as the acknowledgement's payload. An envelope's payload is the body Slack would
/// have POSTed (docs.slack.dev/apis/events-api/using-socket-mode, "Receiving events": events_api carries the Events API
/// JSON, interactive the interaction payload, slash_commands the command's fields). Socket Mode messages carry no
/// signature: the connection itself was opened with the app-level token, so the signature filter is not in this path.
/// </summary>
public sealed class SlackEnvelopes
{
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SlackEnvelopes> log;
    private readonly RequestDelegate events;
    private readonly RequestDelegate interactions;
    private readonly RequestDelegate commands;

    public SlackEnvelopes(IServiceProvider services, IServiceScopeFactory scopes, ILogger<SlackEnvelopes> log)
    {
        this.scopes = scopes;
        this.log = log;
        var options = new RequestDelegateFactoryOptions { ServiceProvider = services };
        events = RequestDelegateFactory.Create(SlackEvents.HandleAsync, options).RequestDelegate;
        interactions = RequestDelegateFactory.Create(SlackInteractions.HandleAsync, options).RequestDelegate;
        commands = RequestDelegateFactory.Create(SlackCommands.HandleAsync, options).RequestDelegate;
    }

    /// <summary>The acknowledgement payload (null for a bare ack), or an exception when the work could not be stored.</summary>
    public async Task<JsonNode?> HandleAsync(string type, JsonNode? payload, CancellationToken ct)
    {
        if (payload is not JsonObject body)
        {
            log.LogWarning("A Socket Mode {Type} envelope came without a payload object; acknowledged and ignored.", type);
            return null;
        }
        var (handler, request, contentType) = type switch
        {
            "events_api" => (events, body.ToJsonString(), "application/json"),
            "interactive" => (interactions, "payload=" + Uri.EscapeDataString(body.ToJsonString()), "application/x-www-form-urlencoded"),
            "slash_commands" => (commands, Form(body), "application/x-www-form-urlencoded"),
            _ => ((RequestDelegate?)null, "", ""),
        };
        if (handler is null)
        {
            log.LogInformation("Socket Mode envelope of type {Type} acknowledged; nothing handles it.", type);
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var bytes = Encoding.UTF8.GetBytes(request);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = ct };
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(bytes);
        http.Features.Set(new SlackBody(bytes));
        using var response = new MemoryStream();
        http.Response.Body = response;
        await handler(http);

        if (http.Response.StatusCode >= 500) throw new InvalidOperationException($"The {type} handler answered {http.Response.StatusCode}.");
        if (http.Response.StatusCode != StatusCodes.Status200OK)
            log.LogWarning("A Socket Mode {Type} envelope was refused with {Status}; acknowledged so Slack does not resend it.", type, http.Response.StatusCode);
        if (http.Response.StatusCode != StatusCodes.Status200OK || response.Length == 0) return null;
        try
        {
            return JsonNode.Parse(response.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A slash command's fields as the form body its request URL receives.</summary>
    private static string Form(JsonObject fields) => string.Join('&', fields.Select(f =>
        $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")}"));
}
