namespace ChatBilling.Core.Errors;

// The refusals the domain raises. The host maps each to its RFC 9457 answer in one place (ProblemExceptionHandler):
// InvalidInput 400, NotPermitted 403, NotFound 404, TransitionRefused and Conflict 409.

/// <summary>Bad input, with the offending fields named as the caller spelt them (camelCase JSON paths).</summary>
public sealed class InvalidInputException(IDictionary<string, string[]> errors)
    : Exception("The input is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static InvalidInputException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The thing asked for does not exist (or is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request is well-formed but clashes with what exists (a taken invoice number, a changed row).</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The person may not make this decision (not an approver, wrong role, over their limit, their own invoice).</summary>
public sealed class NotPermittedException(string message) : Exception(message);

/// <summary>A status move the transition table or a concurrent change refused.</summary>
public sealed class TransitionRefusedException(string reason) : Exception(reason);
