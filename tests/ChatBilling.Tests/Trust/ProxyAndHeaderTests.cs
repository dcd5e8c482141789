using System.Net;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Trust;

/// <summary>Who is local, which proxies are believed, and the headers the console and customer pages carry.</summary>
public sealed class ProxyAndHeaderTests
{
    private static HttpRequestMessage Forwarded(string path, string forwardedFor, string? proto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    [Fact]
    public async Task Without_keys_loopback_is_the_connection_address_and_forwarded_headers_from_unknown_proxies_are_ignored()
    {
        using var app = new BillingApp();
        var http = app.Http();
        // A loopback caller claiming to forward for a remote client is still judged by its own (loopback) address...
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Forwarded("/api/invoices", "203.0.113.9"))).StatusCode);
        // ...and claiming loopback does not help anyone else: headers from a proxy nobody named are not read at all.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Forwarded("/api/invoices", "127.0.0.1"))).StatusCode);
    }

    [Fact]
    public async Task A_known_proxy_forwarding_a_remote_client_is_not_local_and_its_https_makes_cookies_secure()
    {
        using var app = new BillingApp().With("ForwardedHeaders:KnownProxies:0", "127.0.0.1").With("Console:DevSignIn", "true");
        var http = app.Http();
        await (await http.SendAsync(Forwarded("/api/invoices", "203.0.113.9"))).ReadAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/invoices")).StatusCode);

        var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = Rest.Json("""{"email":"approver@chatbilling.local"}""") };
        signIn.Headers.Add("X-ChatBilling-Console", "1");
        signIn.Headers.Add("X-Forwarded-For", "203.0.113.9");
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        var response = await http.SendAsync(signIn);
        response.EnsureSuccessStatusCode();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var plain = new BillingApp().With("Console:DevSignIn", "true");
        var plainSignIn = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = Rest.Json("""{"email":"approver@chatbilling.local"}""") };
        plainSignIn.Headers.Add("X-ChatBilling-Console", "1");
        plainSignIn.Headers.Add("X-Forwarded-Proto", "https");
        var plainCookie = Assert.Single((await plain.Http().SendAsync(plainSignIn)).Headers.GetValues("Set-Cookie"));
        Assert.DoesNotContain("secure", plainCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/console.js")]
    [InlineData("/console/sign-in/not-a-token")]
    [InlineData("/i/not-a-token")]
    public async Task Console_and_customer_pages_send_security_headers(string path)
    {
        using var app = new BillingApp();
        var response = await app.Http().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        var directives = csp.Split(';').Select(d => d.Trim()).ToList();
        var scripts = directives.FirstOrDefault(d => d.StartsWith("script-src")) ?? directives.Single(d => d.StartsWith("default-src"));
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
