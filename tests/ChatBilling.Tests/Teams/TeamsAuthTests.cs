using System.Net;
using System.Security.Cryptography;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Teams;

/// <summary>/api/messages acts only on activities whose Bearer JWT the Bot Framework signed for this app, channel and service URL.</summary>
public sealed class TeamsAuthTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost(app => app.With("Api:Keys:0:Name", "ops").With("Api:Keys:0:Key", "api-key-1"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public enum Forgery { WrongIssuer, WrongAudience, Expired, NotYetValid, UnknownKid, BadSignature, MissingEndorsement, ServiceUrlMismatch, NoToken, Garbage }

    [Theory]
    [InlineData(Forgery.NoToken, 401)]
    [InlineData(Forgery.Garbage, 401)]
    [InlineData(Forgery.WrongIssuer, 401)]
    [InlineData(Forgery.WrongAudience, 401)]
    [InlineData(Forgery.Expired, 401)]
    [InlineData(Forgery.NotYetValid, 401)]
    [InlineData(Forgery.UnknownKid, 401)]
    [InlineData(Forgery.BadSignature, 401)]
    [InlineData(Forgery.MissingEndorsement, 403)]
    [InlineData(Forgery.ServiceUrlMismatch, 403)]
    public async Task A_request_the_bot_framework_did_not_sign_for_us_is_refused_and_nothing_is_processed(Forgery forgery, int status)
    {
        var now = host.App.Clock.GetUtcNow();
        var platform = host.Platform;
        using var otherKey = RSA.Create(2048);
        if (forgery == Forgery.MissingEndorsement) platform.Endorsements = ["slack"];
        var token = forgery switch
        {
            Forgery.NoToken => "",
            Forgery.Garbage => "not-a-jwt",
            Forgery.WrongIssuer => platform.Token(now, issuer: "https://evil.example"),
            Forgery.WrongAudience => platform.Token(now, audience: "someone-elses-app"),
            // Past the 5 minutes of allowed clock skew on the product's clock.
            Forgery.Expired => platform.Token(now, expiresIn: TimeSpan.FromMinutes(-6)),
            Forgery.NotYetValid => platform.Token(now, expiresIn: TimeSpan.FromMinutes(50)),
            Forgery.UnknownKid => platform.Token(now, kid: "rotated-away"),
            Forgery.BadSignature => platform.Token(now, signWith: otherKey),
            Forgery.ServiceUrlMismatch => platform.Token(now, serviceUrl: "https://smba.example/evil/"),
            _ => platform.Token(now),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Rest.Json(host.Message("m-forged", "help").ToJsonString()) };
        if (forgery != Forgery.NoToken) request.Headers.Authorization = new("Bearer", token);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(platform.Calls);
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatInboundEvents.CountAsync()));
    }

    [Fact]
    public async Task A_signed_request_is_served_without_an_api_key_and_within_the_clock_skew()
    {
        var now = host.App.Clock.GetUtcNow();
        // Expired four minutes ago: inside the five minutes of skew the Bot Framework tokens are allowed.
        var response = await host.SendAsync(host.Message("m-1", "help"), host.Platform.Token(now, expiresIn: TimeSpan.FromMinutes(-4)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Platform.CallsOf("POST"));
    }

    [Fact]
    public async Task Signing_keys_are_read_once_and_again_only_for_an_unknown_key_id()
    {
        (await host.SendAsync(host.Message("m-1", "help"))).EnsureSuccessStatusCode();
        (await host.SendAsync(host.Message("m-2", "help"))).EnsureSuccessStatusCode();
        Assert.Equal(1, host.Platform.KeyRequests);

        host.App.Clock.Advance(TimeSpan.FromMinutes(2));
        var unknown = host.Platform.Token(host.App.Clock.GetUtcNow(), kid: "new-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(host.Message("m-3", "help"), unknown)).StatusCode);
        Assert.Equal(2, host.Platform.KeyRequests);
    }
}

/// <summary>With no Teams:AppId the endpoint does not exist.</summary>
public sealed class TeamsOffTests
{
    [Fact]
    public async Task Without_an_app_id_api_messages_is_not_found()
    {
        using var app = new BillingApp();
        var response = await app.Http().PostAsync("/api/messages", Rest.Json("""{"type":"message","text":"help"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
