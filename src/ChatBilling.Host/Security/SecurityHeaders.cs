namespace ChatBilling.Host.Security;

/// <summary>
/// The console (<c>/console</c>) and the customer invoice page (<c>/i/*</c>) may not be framed, sniffed or leak their
/// URLs (which carry sign-in and invoice tokens) in a Referer. Scripts come only from this host and never inline.
/// Header meanings: https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy and the CSP Level 3
/// spec (https://www.w3.org/TR/CSP3/#directive-frame-ancestors).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>Console pages: script and style only from files on this host (the console writes no inline script or style).</summary>
    public const string ConsolePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The customer page: its stylesheet (<c>/invoice-page.css</c>) and the frozen logo from this host, no script at all.</summary>
    public const string CustomerPagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        var policy = path.StartsWithSegments("/console") ? ConsolePolicy : path.StartsWithSegments("/i") ? CustomerPagePolicy : null;
        if (policy is not null)
        {
            // Set before the endpoint runs so every answer (pages, errors, files) carries them.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // same-origin: our own pages still send their Origin on POST (the sign-in page needs it), others get nothing.
            headers["Referrer-Policy"] = "same-origin";
        }
        return next(context);
    });
}
