using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.Approvals;

public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").RequireAuthorization(ApiKeys.Policy).WithTags("Approvals");
        invoices.MapPost("/{id:guid}/submit", SubmitAsync);
        invoices.MapPost("/{id:guid}/decisions", DecideAsync).RequireScope(ApiScopes.Decide);
        invoices.MapGet("/{id:guid}/approvals", StepsAsync);
        invoices.MapGet("/{id:guid}/checks", ChecksAsync);
        invoices.MapPost("/{id:guid}/recall", RecallAsync);
        app.MapDelegationsApi();
        app.MapReassignApi();
        app.MapBulkApi();
        app.MapQuestionsApi();
        EmailDecisions.EmailDecisionRoutes.MapEmailDecisions(app);
        return app;
    }

    /// <summary>The invoice as before, plus its <c>route</c>: so the requester sees who will look at it before waiting.</summary>
    private static async Task<Ok<JsonObject>> SubmitAsync(Guid id, ApprovalService approvals, ApprovalRoutes routes,
        ClaimsPrincipal user, TimeProvider time, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var invoice = InvoiceResponse.From(await approvals.SubmitAsync(id, user.ApiActor(), ct), time);
        var body = JsonSerializer.SerializeToNode(invoice, json.Value.SerializerOptions)!.AsObject();
        body["route"] = JsonSerializer.SerializeToNode(await routes.ForAsync(id, ct), json.Value.SerializerOptions);
        return TypedResults.Ok(body);
    }

    /// <summary>The requester's operator key takes a pending invoice back to Draft; the actor is the key's name.</summary>
    private static async Task<Ok<InvoiceResponse>> RecallAsync(
        Guid id, RecallBody? body, RecallService recalls, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await recalls.RecallAsync(id, body?.Reason, user.ApiActor(), byOperator: true, ct), time));

    /// <summary>Every step of every submission, oldest first; the waiting step carries the card version a decision may quote.</summary>
    private static async Task<Ok<StepResponse[]>> StepsAsync(
        Guid id, ApprovalService approvals, ApprovalRoutes routes, Delegations delegations, CancellationToken ct)
    {
        var (invoice, steps) = await approvals.StepsAsync(id, ct);
        var waiting = invoice.Status == InvoiceStatus.PendingApproval;
        var map = await delegations.TodayAsync(ct);
        return TypedResults.Ok(steps.Select(s => (Step: s, Route: routes.Of(invoice, steps, s, map))).Select(x => new StepResponse(
            x.Step.Round, x.Step.Sequence, x.Step.StepCount, x.Step.Role, x.Step.Status, x.Step.OpenedAt,
            x.Step.DecidedBy, x.Step.DecidedFor, x.Step.AssignedTo, x.Step.DecidedAt, x.Step.Reason,
            x.Step.Status == StepStatus.Pending && x.Step.OpenedAt is not null ? ApprovalService.CardVersion(invoice, x.Step) : null,
            x.Route.RoleCount, x.Route.StillNeeded, waiting ? x.Route.Deciders : [])).ToArray());
    }

    /// <summary>The warnings an approval card shows for this invoice.</summary>
    private static async Task<Ok<PreviewCheck[]>> ChecksAsync(Guid id, InvoiceService invoices, PreviewChecks checks, CancellationToken ct) =>
        TypedResults.Ok((await checks.RunAsync(await invoices.FindAsync(id, ct), ct)).ToArray());

    /// <summary>An operator (or the console) records an approver's decision; the approver's rights are checked, not the caller's.</summary>
    private static async Task<Ok<DecisionResponse>> DecideAsync(
        Guid id, DecisionBody body, ApprovalService approvals, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var approve = body.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => true,
            "reject" => false,
            _ => throw InvalidInputException.For("decision", "decision is \"approve\" or \"reject\"."),
        };
        if (string.IsNullOrWhiteSpace(body.Approver)) throw InvalidInputException.For("approver", "approver (an email) is required.");
        var outcome = await approvals.DecideAsync(id, new DecisionRequest(body.Approver, approve, body.Reason, body.CardVersion, user.Via()), "api", ct);
        return TypedResults.Ok(new DecisionResponse(
            outcome.Result == DecisionResult.Applied ? "applied" : "alreadyDecided", outcome.Message, InvoiceResponse.From(outcome.Invoice, time)));
    }
}

public sealed record StepResponse(
    int Round, int Sequence, int StepCount, string Role, StepStatus Status, DateTimeOffset? OpenedAt,
    string? DecidedBy, string? DecidedFor, string? AssignedTo, DateTimeOffset? DecidedAt, string? Reason, string? CardVersion,
    int RoleCount, int StillNeeded, IReadOnlyList<string> Deciders);

/// <summary>Body of <c>POST /api/invoices/{id}/recall</c>.</summary>
public sealed record RecallBody(string? Reason);

/// <summary>Body of <c>POST /api/invoices/{id}/decisions</c> (shared/CONTRACT.md).</summary>
public sealed record DecisionBody(string? Approver, string? Decision, string? Reason, string? CardVersion);

public sealed record DecisionResponse(string Result, string Message, InvoiceResponse Invoice);
