using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Inbound;

/// <summary>The verified raw body of a Slack request, for handlers to parse after the signature check.</summary>
public sealed record SlackBody(byte[] Bytes)
{
    public static byte[] Of(HttpContext http) =>
        http.Features.Get<SlackBody>()?.Bytes ?? throw new InvalidOperationException("The Slack signature filter did not run.");
}

/// <summary>
/// Refuses every /slack/* request whose signature is missing, wrong or older than five minutes, with 401 and before
/// anything reads the body as JSON or form data. Handlers take no bound body parameters, so nothing parses earlier.
/// </summary>
public sealed class SlackSignatureFilter(IOptions<SlackSettings> settings, TimeProvider time, ILogger<SlackSignatureFilter> log)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Slack's payloads are a few kilobytes; nobody gets to make us buffer megabytes before proving who they are.
        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (await ReadUpToAsync(http.Request.Body, MaxBodyBytes, http.RequestAborted) is not { } body) return TooLarge();
        var options = settings.Value;
        if (!SlackSignature.IsValid(options.SigningSecret!, http.Request.Headers[SlackSignature.TimestampHeader],
                http.Request.Headers[SlackSignature.SignatureHeader], body, time.GetUtcNow(), options.MaxRequestAge))
        {
            log.LogWarning("Refused a request to {Path}: its Slack signature is missing, wrong or too old.", http.Request.Path);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "The request is not signed by Slack.",
                detail: "X-Slack-Signature is missing or wrong, or X-Slack-Request-Timestamp is more than five minutes away from now.");
        }
        http.Features.Set(new SlackBody(body));
        return await next(context);
    }

    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes (chunked bodies give no length up front).</summary>
    private static async Task<byte[]?> ReadUpToAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Slack requests are smaller than this.");
}
