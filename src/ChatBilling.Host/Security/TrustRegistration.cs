namespace ChatBilling.Host.Security;

/// <summary>The trust model's host parts that are not one feature's: proxies believed, the shared key ring, security headers.</summary>
public static class TrustRegistration
{
    public static IHostApplicationBuilder AddTrust(this IHostApplicationBuilder builder)
    {
        builder.AddKnownProxies();
        builder.AddSharedKeyRing();
        return builder;
    }

    /// <summary>First in the pipeline: forwarded headers decide who is calling before anything asks.</summary>
    public static WebApplication UseTrust(this WebApplication app)
    {
        KeyRing.WarnWhenUnencrypted(app);
        HostWarnings.LogAtStartup(app);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }
}
