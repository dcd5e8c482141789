using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Host.WebConsole;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Approvals;

/// <summary>The console's bulk approval: the list of what the signed-in person may approve now, and approving a selection of it.</summary>
public static class BulkApi
{
    public static IEndpointRouteBuilder MapBulkApi(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console/api/bulk").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        console.MapGet("/decidable", DecidableAsync);
        console.MapPost("/approve", ApproveAsync).RequireConsoleHeader();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Decidable>>> DecidableAsync(ClaimsPrincipal user, BulkApprovals bulk, CancellationToken ct) =>
        TypedResults.Ok(await bulk.WaitingForAsync(user.Email(), ct));

    private static async Task<Ok<IReadOnlyList<BulkOutcome>>> ApproveAsync(BulkBody body, ClaimsPrincipal user, BulkApprovals bulk, CancellationToken ct) =>
        TypedResults.Ok(await bulk.ApproveAsync(user.Email(), body.Items, "console", ct));

    /// <summary>Body of <c>POST /console/api/bulk/approve</c>.</summary>
    public sealed record BulkBody(IReadOnlyList<BulkItem>? Items);
}
