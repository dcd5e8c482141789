namespace ChatBilling.Core.Invoices;

/// <summary>The thing asked for does not exist (or is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request is well-formed but clashes with what exists (a taken invoice number, a changed row).</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
