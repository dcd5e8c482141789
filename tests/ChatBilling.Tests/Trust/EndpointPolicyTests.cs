using ChatBilling.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Trust;

/// <summary>Authorization is the default: every endpoint names a policy or says it is anonymous, on purpose.</summary>
public sealed class EndpointPolicyTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    // Slack and Teams on, so their endpoints are in the walk too.
    private readonly BillingApp app = new BillingApp()
        .With("Slack:SigningSecret", "s").With("Slack:BotToken", "xoxb-1")
        .With("Teams:AppId", "11111111-2222-3333-4444-555555555555").With("Teams:AppPassword", "p")
        .With("Teams:TenantId", "99999999-8888-7777-6666-555555555555");

    public void Dispose() => app.Dispose();

    /// <summary>What may be anonymous, and why: each has its own check or is public by nature.</summary>
    private static readonly string[] Anonymous =
    [
        "/healthz", "/openapi/{documentName}.json", "/i/{token}", "/i/{token}/pdf", "/i/{token}/logo", "/d/{token}/invoice.pdf", "/d/{token}/preview.png",
        "/slack/events", "/slack/interactions", "/slack/commands", "/api/messages", "/api/triggers",
        "/console", "/console/api/approvers", "/console/api/sign-in", "/console/api/sign-in-link", "/console/api/sign-out",
        "/console/sign-in/{token}", "/", "/console/{**path:nonfile}", "/a/{token}",
    ];

    [Fact]
    public void Every_endpoint_needs_a_policy_unless_it_is_explicitly_anonymous()
    {
        app.Http();
        var endpoints = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var neither = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(neither);

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();
        Assert.Equal(Anonymous.Order(), anonymous);
        output.WriteLine($"{endpoints.Count} endpoints, {anonymous.Count} anonymous route patterns: {string.Join(", ", anonymous)}");
    }
}
