using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>200 when the host runs and its database answers a query (with what an operator must still fix); 503 otherwise.</summary>
    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(ChatBillingDb db, HttpContext http, CancellationToken ct)
    {
        try
        {
            if (await db.Database.CanConnectAsync(ct)) return TypedResults.Ok(new HealthResponse("ok", Security.HostWarnings.Current(http.RequestServices)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reported below without details: a health probe is public.
        }
        return TypedResults.Problem("The database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <param name="Details">Configuration an operator must still fix (no secrets); empty when there is none.</param>
    private sealed record HealthResponse(string Status, IReadOnlyList<string> Details);
}
