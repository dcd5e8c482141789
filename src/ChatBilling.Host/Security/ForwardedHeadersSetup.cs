using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatBilling.Host.Security;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> are believed only from the addresses in
/// <c>ForwardedHeaders:KnownProxies</c>. ASP.NET Core's own default also trusts loopback proxies; that default is
/// cleared, so a local process cannot make a remote caller look local or a plain-HTTP request look like HTTPS.
/// With no proxies named nothing is read at all: the middleware trusts every sender when both of its lists are
/// empty (https://learn.microsoft.com/aspnet/core/host-and-deploy/proxy-load-balancer#forwarded-headers-middleware-options).
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IHostApplicationBuilder AddKnownProxies(this IHostApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = proxies.Length == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (!IPAddress.TryParse(proxy.Trim(), out var address))
                    throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
                o.KnownProxies.Add(address);
            }
        });
        return builder;
    }
}
