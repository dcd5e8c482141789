using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Claims;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// The web console: the embedded chat channel. Known people (approvers and viewers) sign in with a cookie of its own (a picker in
/// Development, a short-lived emailed link otherwise) and act as themselves, with channel "console". The cookie
/// names a session kept in the database (<see cref="ConsoleSessions"/>), which sign-out deletes.
/// </summary>
public static class ConsoleFeature
{
    public const string Scheme = "Console";
    public const string Policy = "console";
    /// <summary>Sent by the console's own script on every write; a cross-site form cannot set it (CSRF defence beside SameSite).</summary>
    public const string CsrfHeader = "X-ChatBilling-Console";

    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "chatbilling.console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is https (as the connection, or a proxy in ForwardedHeaders:KnownProxies, says).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Someone removed from Approvals since signing in is signed out on their next request.
            o.Events.OnValidatePrincipal = async c =>
            {
                if (c.HttpContext.RequestServices.GetRequiredService<PeopleDirectory>().ByEmail(c.Principal?.Email()) is null)
                {
                    c.RejectPrincipal();
                    await c.HttpContext.SignOutAsync(Scheme);
                }
            };
            // An API answers 401/403; the page itself decides to show the sign-in screen.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        ConsoleSessions.Use(builder.Services, Scheme);
        builder.Services.TryAddSingleton<Security.ExpiringTokens>();
        builder.Services.AddSingleton<ConsoleSignIn>();
        builder.Services.AddOutboxHandler<SignInLinkMailHandler>(SignInLinkMailHandler.Kind, Core.Outbox.OutboxLane.Email);
        SignInLimits.Register(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        // Routing ignores a trailing slash, so this serves /console and /console/ alike.
        app.MapGet("/console", ConsolePages.Index).AllowAnonymous().ExcludeFromDescription();
        app.MapConsoleSignIn();
        app.MapHostWarnings();
        app.MapConsoleApi();
        app.MapConsolePages();
        return app;
    }

    /// <summary>The approver behind the console cookie.</summary>
    public static string Email(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? "";

    internal static Task SignInAsync(HttpContext http, Person person) => http.SignInAsync(Scheme, new ClaimsPrincipal(
        new ClaimsIdentity([new Claim(ClaimTypes.Name, person.Name), new Claim(ClaimTypes.Email, person.Email)], Scheme)));

    /// <summary>Refuses console writes that lack the console's own header.</summary>
    internal static RouteHandlerBuilder RequireConsoleHeader(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.Headers.ContainsKey(CsrfHeader)
            ? await next(context)
            : TypedResults.Problem($"Console requests carry the {CsrfHeader} header.", statusCode: 403, title: "Forbidden"));
}
