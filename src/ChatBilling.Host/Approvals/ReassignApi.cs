using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Approvals;

/// <summary>
/// Handing the waiting step to a colleague: over REST an operator key with <c>decide</c> acts for the approver named
/// in <c>by</c> (as decisions do); in the console the signed-in person is <c>by</c>.
/// </summary>
public static class ReassignApi
{
    public static IEndpointRouteBuilder MapReassignApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/invoices").RequireAuthorization(ApiKeys.Policy).WithTags("Approvals")
            .MapPost("/{id:guid}/reassign", ReassignAsync).RequireScope(ApiScopes.Decide);
        app.MapGroup("/console/api/invoices").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription()
            .MapPost("/{id:guid}/reassign", ReassignMineAsync).RequireConsoleHeader();
        app.MapGroup("/console/api/invoices").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription()
            .MapGet("/{id:guid}/reassign/candidates", CandidatesAsync);
        return app;
    }

    private static async Task<Ok<InvoiceResponse>> ReassignAsync(
        Guid id, ReassignRequest body, ReassignService reassign, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.By)) throw InvalidInputException.For("by", "by (the approver's email) is required.");
        return TypedResults.Ok(InvoiceResponse.From(await reassign.ReassignAsync(id, body, "api", ct), time));
    }

    /// <summary>Who the waiting step could be handed to, by name; the reassignment checks every rule again.</summary>
    private static async Task<Ok<IReadOnlyList<string>>> CandidatesAsync(Guid id, ReassignService reassign, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await reassign.CandidatesAsync(id, user.Email(), ct));

    private static async Task<Ok<InvoiceResponse>> ReassignMineAsync(
        Guid id, ReassignRequest body, ReassignService reassign, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await reassign.ReassignAsync(id, body with { By = user.Email() }, "console", ct), time));
}
