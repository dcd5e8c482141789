using ChatBilling.Core.Delivery;
using ChatBilling.Host.WebConsole;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Security;

/// <summary>
/// What an operator must fix before the product does its whole job (today: a Production host without a seller),
/// said in the start-up log, in <c>/healthz</c> details and to the console (<c>GET /console/api/warnings</c>).
/// </summary>
public static class HostWarnings
{
    public static IReadOnlyList<string> Current(IServiceProvider services) =>
        new[] { services.GetRequiredService<SellerCheck>().Problem }.OfType<string>().ToList();

    internal static void LogAtStartup(WebApplication app)
    {
        foreach (var warning in Current(app.Services)) app.Logger.LogWarning("{Warning}", warning);
    }

    internal static IEndpointRouteBuilder MapHostWarnings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/api/warnings", (HttpContext http) => TypedResults.Ok(new WarningsResponse(Current(http.RequestServices))))
            .RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        return app;
    }

    public sealed record WarningsResponse(IReadOnlyList<string> Warnings);
}
