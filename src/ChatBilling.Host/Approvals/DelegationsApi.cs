using System.Security.Claims;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Delegation;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Approvals;

/// <summary>
/// Delegations over REST (operators, with <c>decide</c>: they act for the approver, as decisions do) and for the
/// signed-in approver in the console (always their own approvals).
/// </summary>
public static class DelegationsApi
{
    public static IEndpointRouteBuilder MapDelegationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/delegations").RequireAuthorization(ApiKeys.Policy).WithTags("Approvals");
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync).RequireScope(ApiScopes.Decide);
        api.MapPost("/{id:guid}/end", EndAsync).RequireScope(ApiScopes.Decide);

        var console = app.MapGroup("/console/api/delegations").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        console.MapGet("/", MineAsync);
        console.MapGet("/colleagues", Colleagues);
        console.MapPost("/", CreateMineAsync).RequireConsoleHeader();
        console.MapPost("/{id:guid}/end", EndMineAsync).RequireConsoleHeader();
        return app;
    }

    /// <summary>Delegations not yet over, of everyone or of one <c>person</c> (an email).</summary>
    private static async Task<Ok<IReadOnlyList<DelegationView>>> ListAsync(string? person, DelegationService delegations, CancellationToken ct) =>
        TypedResults.Ok(await delegations.ListAsync(string.IsNullOrWhiteSpace(person) ? null : person.Trim(), ct));

    private static async Task<Created<DelegationView>> CreateAsync(DelegationInput body, DelegationService delegations, ClaimsPrincipal user, CancellationToken ct)
    {
        var made = await delegations.CreateAsync(body, new Actor(user.ApiActor().Name, "api"), ct);
        return TypedResults.Created($"/api/delegations/{made.Id}", made);
    }

    private static async Task<Ok<DelegationView>> EndAsync(Guid id, EndBody? body, DelegationService delegations, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.By)) throw InvalidInputException.For("by", "by (the email of the approver who is back) is required.");
        return TypedResults.Ok(await delegations.EndAsync(id, body.By.Trim(), ct));
    }

    private static async Task<Ok<IReadOnlyList<DelegationView>>> MineAsync(ClaimsPrincipal user, DelegationService delegations, CancellationToken ct) =>
        TypedResults.Ok(await delegations.ListAsync(user.Email(), ct));

    /// <summary>Whom the signed-in approver may hand their approvals to: every other configured approver.</summary>
    private static Ok<Colleague[]> Colleagues(ClaimsPrincipal user, Core.Approvals.ApproverDirectory approvers) =>
        TypedResults.Ok(approvers.All.Where(a => !a.Is(user.Email())).Select(a => new Colleague(a.Name, a.Email)).ToArray());

    /// <summary>The signed-in approver delegates their own approvals; <c>from</c> in the body is ignored.</summary>
    private static async Task<Created<DelegationView>> CreateMineAsync(
        DelegationInput body, DelegationService delegations, ClaimsPrincipal user, CancellationToken ct)
    {
        var made = await delegations.CreateAsync(body with { From = user.Email() }, user.ConsoleActor(), ct);
        return TypedResults.Created($"/console/api/delegations/{made.Id}", made);
    }

    private static async Task<Ok<DelegationView>> EndMineAsync(Guid id, DelegationService delegations, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await delegations.EndAsync(id, user.Email(), ct));

    public sealed record Colleague(string Name, string Email);

    /// <summary>Body of <c>POST /api/delegations/{id}/end</c>.</summary>
    public sealed record EndBody(string? By);
}
