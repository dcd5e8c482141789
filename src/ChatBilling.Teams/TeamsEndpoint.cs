using System.Text.Json;
using ChatBilling.Teams.Auth;
using ChatBilling.Teams.Bot;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams;

/// <summary>
/// <c>POST /api/messages</c>: every activity Teams sends. Nothing is read into the product before the Bearer JWT
/// proved the channel sent it, for this activity's channel and service URL, and the activity comes from a tenant
/// <c>Teams:AllowedTenants</c> lists. API keys do not apply here.
/// </summary>
internal static class TeamsEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> MessagesAsync(HttpRequest request, BotRequestAuthenticator auth, TeamsBot bot,
        IOptionsMonitor<TeamsSettings> settings, ILogger<TeamsBot> log, CancellationToken ct)
    {
        var (token, failure) = await auth.ValidateTokenAsync(request.Headers.Authorization.ToString(), ct);
        if (failure is not null) return Refuse(request, failure);

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null) return TypedResults.Problem(statusCode: 400, title: "Bad Request", detail: "The body is not a Bot Framework activity.");

        if (BotRequestAuthenticator.CheckActivity(token!, activity.ChannelId, activity.ServiceUrl) is { } mismatch)
            return Refuse(request, mismatch);
        if (!settings.CurrentValue.AllowsTenant(activity.TenantId))
        {
            log.LogWarning("Refused a Teams {Type} activity from tenant {Tenant}, which Teams:AllowedTenants does not list.",
                activity.Type, activity.TenantId ?? "(none)");
            return Refuse(request, new AuthFailure(403, "This tenant is not served by this bot."));
        }

        BotReply reply;
        try
        {
            reply = await bot.HandleAsync(activity, ct);
        }
        // An authenticated activity whose JSON is well formed but oddly shaped (a string escaping a lone surrogate in a
        // card's data, say): System.Text.Json refuses to read it; that is a bad request, not a server error.
        catch (Exception e) when (e is InvalidOperationException or ArgumentException
            && e.Source?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
        {
            return TypedResults.Problem(statusCode: 400, title: "Bad Request", detail: "The activity's JSON has an unexpected shape.");
        }
        return reply.InvokeResponse is { } body ? TypedResults.Json(body, statusCode: 200) : TypedResults.Ok();
    }

    private static IResult Refuse(HttpRequest request, AuthFailure failure)
    {
        if (failure.StatusCode == 401) request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        var title = failure.StatusCode switch { 401 => "Unauthorized", 403 => "Forbidden", _ => "Service Unavailable" };
        return TypedResults.Problem(statusCode: failure.StatusCode, title: title, detail: failure.Reason);
    }
}
