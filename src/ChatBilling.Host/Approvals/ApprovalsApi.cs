using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

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
        return app;
    }

    private static async Task<Ok<InvoiceResponse>> SubmitAsync(
        Guid id, ApprovalService approvals, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(InvoiceResponse.From(await approvals.SubmitAsync(id, user.ApiActor(), ct), time));

    /// <summary>Every step of every submission, oldest first; the waiting step carries the card version a decision may quote.</summary>
    private static async Task<Ok<StepResponse[]>> StepsAsync(Guid id, ApprovalService approvals, CancellationToken ct)
    {
        var (invoice, steps) = await approvals.StepsAsync(id, ct);
        return TypedResults.Ok(steps.Select(s => new StepResponse(s.Round, s.Sequence, s.StepCount, s.Role, s.Status, s.OpenedAt,
            s.DecidedBy, s.DecidedAt, s.Reason,
            s.Status == StepStatus.Pending && s.OpenedAt is not null ? ApprovalService.CardVersion(invoice, s) : null)).ToArray());
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
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason, string? CardVersion);

/// <summary>Body of <c>POST /api/invoices/{id}/decisions</c> (shared/CONTRACT.md).</summary>
public sealed record DecisionBody(string? Approver, string? Decision, string? Reason, string? CardVersion);

public sealed record DecisionResponse(string Result, string Message, InvoiceResponse Invoice);
