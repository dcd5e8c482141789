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
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
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
}
