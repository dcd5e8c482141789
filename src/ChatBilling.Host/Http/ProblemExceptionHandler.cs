using System.Text.Json;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ChatBilling.Host.Http;

/// <summary>
/// Turns every exception into RFC 9457 problem details: domain refusals into 400/404/409 naming the field,
/// anything unexpected into a bare 500 that reveals no stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            InvalidInputException e => Validation(e.Errors),
            BadHttpRequestException { InnerException: JsonException json } => Validation(JsonErrors(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Plain(413, "Request body too large", $"Bodies are limited to {HttpConventions.MaxRequestBodyBytes / 1024} KB."),
            BadHttpRequestException e => Plain(e.StatusCode, "Bad request", e.Message),
            NotFoundException e => Plain(404, "Not found", e.Message),
            NotPermittedException e => Plain(403, "Not permitted", e.Message),
            TransitionRefusedException e => Plain(409, "Transition refused", e.Message),
            ConflictException { Field: { } field } e => Conflict(field, e.Message),
            ConflictException e => Plain(409, "Conflict", e.Message),
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Plain(500, "Something went wrong", "The error was logged; quote the trace id when reporting it.");
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Plain(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Validation(IDictionary<string, string[]> errors) => new HttpValidationProblemDetails(errors)
    {
        Status = 400, Title = "The request is not valid", Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
    };

    private static ProblemDetails Conflict(string field, string message) => new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [field] = [message] }) { Status = 409, Title = "Conflict", Detail = message };

    /// <summary>Names the field the way the caller spelt it: "$.lineItems[0].quantity" becomes "lineItems[0].quantity".</summary>
    private static Dictionary<string, string[]> JsonErrors(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
        {
            // The path already ends at the unknown property ("$.lineItems[0].unit_price").
            var field = path ?? unmapped.Groups[1].Value;
            return new() { [field] = ["This field is not part of the request; check its spelling."] };
        }
        if (path is not null && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return new() { [path] = [$"The value of {path} has the wrong type or format."] };
        return new() { ["body"] = [$"The body is not well-formed JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})."] };
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();
}
