using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Approvals;

/// <summary>
/// Questions before deciding. Over REST an operator key with <c>decide</c> asks for the approver named in <c>by</c> (as
/// decisions do) and a key with <c>write</c> answers as the operator; in the console the signed-in person asks (when
/// they may decide) or answers (when they are the requester).
/// </summary>
public static class QuestionsApi
{
    public static IEndpointRouteBuilder MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/invoices").RequireAuthorization(ApiKeys.Policy).WithTags("Approvals");
        api.MapGet("/{id:guid}/questions", ListAsync);
        api.MapPost("/{id:guid}/questions", AskAsync).RequireScope(ApiScopes.Decide);
        api.MapPost("/{id:guid}/answer", AnswerAsync);
        var console = app.MapGroup("/console/api/invoices").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        console.MapGet("/{id:guid}/questions", ListAsync);
        console.MapPost("/{id:guid}/questions", AskMineAsync).RequireConsoleHeader();
        console.MapPost("/{id:guid}/answer", AnswerMineAsync).RequireConsoleHeader();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<QuestionView>>> ListAsync(Guid id, ApprovalQuestions questions, ApprovalService approvals, CancellationToken ct)
    {
        await approvals.StepsAsync(id, ct);
        return TypedResults.Ok(await questions.ListAsync(id, ct));
    }

    private static async Task<Ok<QuestionView>> AskAsync(Guid id, QuestionBody body, ApprovalQuestions questions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.By)) throw InvalidInputException.For("by", "by (the approver's email) is required.");
        return TypedResults.Ok(await questions.AskAsync(id, body.By, body.Text, "api", ct));
    }

    private static async Task<Ok<QuestionView>> AnswerAsync(Guid id, QuestionBody body, ApprovalQuestions questions, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await questions.AnswerAsync(id, user.ApiActor(), body.Text, byOperator: true, ct));

    private static async Task<Ok<QuestionView>> AskMineAsync(Guid id, QuestionBody body, ApprovalQuestions questions, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await questions.AskAsync(id, user.Email(), body.Text, "console", ct));

    private static async Task<Ok<QuestionView>> AnswerMineAsync(Guid id, QuestionBody body, ApprovalQuestions questions, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await questions.AnswerAsync(id, new Actor(user.Email(), "console"), body.Text, byOperator: false, ct));

    /// <summary>Body of the question and answer routes: <c>by</c> only for a REST question.</summary>
    public sealed record QuestionBody(string? By, string? Text);
}
