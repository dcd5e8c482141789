using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ChatBilling.Host.Security;

/// <summary>
/// What an API key may do. <c>read</c>: GET routes and exports; <c>write</c>: clients, invoices, submit, schedules,
/// payments; <c>decide</c>: recording an approver's decision; <c>operate</c>: jobs, retry-send, void, payment match;
/// <c>metrics</c>: <c>/metrics</c> and <c>/api/metrics</c>. A route names its scope with <see cref="RequireScope"/>;
/// a route that names none needs <c>read</c> for GET and <c>write</c> for anything else, so a new route is never
/// open to a key that was only meant to read.
/// </summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Decide = "decide";
    public const string Operate = "operate";
    public const string Metrics = "metrics";
    public const string ClaimType = "scope";

    public static readonly IReadOnlyList<string> All = [Read, Write, Decide, Operate, Metrics];
    /// <summary>A key configured without <c>scopes</c>: what every key could do before scopes existed, short of deciding and operating.</summary>
    public static readonly IReadOnlyList<string> Default = [Read, Write];

    /// <summary>The named policy of one scope, e.g. <c>api:decide</c>.</summary>
    public static string PolicyFor(string scope) => $"api:{scope}";

    internal static IHostApplicationBuilder AddApiScopes(this IHostApplicationBuilder builder)
    {
        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeys.Policy, p => p.AddAuthenticationSchemes(ApiKeys.Scheme).RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(null)))
            // Authorization is the default: an endpoint with no policy of its own still needs an authenticated caller,
            // unless it says .AllowAnonymous() (healthz, customer links, Slack, Teams and triggers with their own checks).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireAuthenticatedUser().Build());
        foreach (var scope in All)
            authorization.AddPolicy(PolicyFor(scope), p => p.AddAuthenticationSchemes(ApiKeys.Scheme).RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeProblemWriter>();
        return builder;
    }

    /// <summary>This route needs <paramref name="scope"/> instead of the one its HTTP method implies.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder route, string scope) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new ScopeMetadata(scope)).RequireAuthorization(PolicyFor(scope));
}

/// <summary>The scope a route named for itself.</summary>
internal sealed record ScopeMetadata(string Scope);

/// <summary>Needs <see cref="Scope"/>; with null, the scope the route named or else the one its method implies.</summary>
internal sealed record ScopeRequirement(string? Scope) : IAuthorizationRequirement
{
    public string For(HttpContext http) => Scope
        ?? http.GetEndpoint()?.Metadata.GetMetadata<ScopeMetadata>()?.Scope
        ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? ApiScopes.Read : ApiScopes.Write);
}

internal sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http) return Task.CompletedTask;
        var scope = requirement.For(http);
        if (context.User.HasClaim(ApiScopes.ClaimType, scope)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, scope));
        return Task.CompletedTask;
    }
}

/// <summary>A missing scope is 403 problem details that name it, so an operator knows which scope to add to the key.</summary>
internal sealed class ScopeProblemWriter : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is ScopeHandler) is { } missing)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = 403, Title = "Forbidden",
                    Detail = $"This API key lacks the '{missing.Message}' scope; add it to the key's scopes in Api:Keys.",
                    Extensions = { ["scope"] = missing.Message },
                },
            });
            return;
        }
        await fallback.HandleAsync(next, context, policy, result);
    }
}
