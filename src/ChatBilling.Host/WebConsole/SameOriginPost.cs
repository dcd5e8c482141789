using ChatBilling.Host.Documents;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// Is this POST from our own page? Browsers send <c>Origin</c> on every form POST (Fetch standard,
/// https://fetch.spec.whatwg.org/#origin-header) and, in Chromium, Firefox and Safari, <c>Sec-Fetch-Site</c>
/// (https://www.w3.org/TR/fetch-metadata/#sec-fetch-site-header). The sign-in page is served with
/// <c>Referrer-Policy: same-origin</c>, so its form posts our real origin; a page whose referrer policy is
/// <c>no-referrer</c> or a sandboxed frame posts <c>Origin: null</c>, which is accepted only when the browser also
/// says <c>Sec-Fetch-Site: same-origin</c>. A cross-site form is refused whatever it claims.
/// </summary>
internal static class SameOriginPost
{
    public static bool IsAllowed(HttpContext http, PublicUrls urls)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = http.Request.Headers.Origin.ToString();
        // A client that is not a browser sends neither header; SameSite=Strict and the one-use link protect it.
        if (origin.Length == 0) return true;
        if (origin == "null") return site == "same-origin";
        // Hosts are compared, not schemes: behind a TLS-terminating proxy the browser says https while we see http.
        return Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && (from.Authority.Equals(http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
                || from.Authority.Equals(new Uri(urls.Base).Authority, StringComparison.OrdinalIgnoreCase));
    }
}
