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

    public enum Forgery
    {
        WrongIssuer, WrongAudience, Expired, NotYetValid, UnknownKid, BadSignature, ServiceUrlMismatch, NoToken, Garbage,
        AlgNone, Hs256, EntraOtherTenant, EntraWrongAudience, EntraExpired, EntraSignedByBotFrameworkKey, EntraServiceUrlMismatch,
        BotFrameworkSignedByEntraKey,
    }

    [Theory]
    [InlineData(Forgery.NoToken, 401)]
    [InlineData(Forgery.Garbage, 401)]
    [InlineData(Forgery.WrongIssuer, 401)]
    [InlineData(Forgery.WrongAudience, 401)]
    [InlineData(Forgery.Expired, 401)]
    [InlineData(Forgery.NotYetValid, 401)]
    [InlineData(Forgery.UnknownKid, 401)]
    [InlineData(Forgery.BadSignature, 401)]
    [InlineData(Forgery.ServiceUrlMismatch, 403)]
    [InlineData(Forgery.AlgNone, 401)]
    [InlineData(Forgery.Hs256, 401)]
    [InlineData(Forgery.EntraOtherTenant, 401)]
    [InlineData(Forgery.EntraWrongAudience, 401)]
    [InlineData(Forgery.EntraExpired, 401)]
    [InlineData(Forgery.EntraSignedByBotFrameworkKey, 401)]
    [InlineData(Forgery.EntraServiceUrlMismatch, 403)]
    [InlineData(Forgery.BotFrameworkSignedByEntraKey, 401)]
    public async Task A_request_the_bot_framework_did_not_sign_for_us_is_refused_and_nothing_is_processed(Forgery forgery, int status)
    {
        var now = host.App.Clock.GetUtcNow();
        var platform = host.Platform;
        using var otherKey = RSA.Create(2048);
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
            Forgery.AlgNone => platform.UnsignedToken(now),
            Forgery.Hs256 => HmacToken(now),
            Forgery.EntraOtherTenant => platform.EntraToken(now, tenant: "0c3f1e3a-0000-4000-8000-000000000bad"),
            Forgery.EntraWrongAudience => platform.EntraToken(now, audience: "api://someone-elses-app"),
            Forgery.EntraExpired => platform.EntraToken(now, expiresIn: TimeSpan.FromMinutes(-6)),
            Forgery.EntraSignedByBotFrameworkKey => platform.EntraToken(now, signWith: platform.Rsa),
            Forgery.EntraServiceUrlMismatch => platform.EntraToken(now, serviceUrl: "https://smba.example/evil/"),
            Forgery.BotFrameworkSignedByEntraKey => platform.Token(now, kid: FakeBotPlatform.EntraKid, signWith: platform.EntraRsa),
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

    [Theory]
    [InlineData(TeamsHost.AppId, false)]
    [InlineData("api://" + TeamsHost.AppId, false)]
    [InlineData("api://botid-" + TeamsHost.AppId, false)]
    [InlineData(TeamsHost.AppId, true)]
    public async Task An_entra_issued_channel_token_for_our_tenant_and_app_is_served(string audience, bool v1)
    {
        var token = host.Platform.EntraToken(host.App.Clock.GetUtcNow(), audience: audience, v1: v1);
        var response = await host.SendAsync(host.Message("m-1", "help"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Platform.CallsOf("POST"));
        Assert.True(host.Platform.EntraKeyRequests >= 1);
        // Once read, the keys serve every later request without another fetch.
        var reads = (host.Platform.KeyRequests, host.Platform.EntraKeyRequests);
        var again = host.Platform.EntraToken(host.App.Clock.GetUtcNow(), audience: audience, v1: v1);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-2", "help"), again)).StatusCode);
        Assert.Equal(reads, (host.Platform.KeyRequests, host.Platform.EntraKeyRequests));
    }

    [Fact]
    public async Task A_bot_framework_token_with_the_app_id_uri_audience_is_served()
    {
        var token = host.Platform.Token(host.App.Clock.GetUtcNow(), audience: "api://botid-" + TeamsHost.AppId);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-1", "help"), token)).StatusCode);
    }

    [Fact]
    public async Task Signing_keys_are_read_once_and_again_in_the_background_for_an_unknown_key_id()
    {
        (await host.SendAsync(host.Message("m-1", "help"))).EnsureSuccessStatusCode();
        (await host.SendAsync(host.Message("m-2", "help"))).EnsureSuccessStatusCode();
        Assert.Equal(1, host.Platform.KeyRequests);

        var unknown = host.Platform.Token(host.App.Clock.GetUtcNow(), kid: "new-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(host.Message("m-3", "help"), unknown)).StatusCode);
        await host.Platform.KeyRequestsReach(2);
    }

    [Fact]
    public async Task A_key_endpoint_outage_after_the_first_fetch_is_not_a_bot_outage()
    {
        (await host.SendAsync(host.Message("m-1", "help"))).EnsureSuccessStatusCode();
        (await host.SendAsync(host.Message("m-2", "help"), host.Platform.EntraToken(host.App.Clock.GetUtcNow()))).EnsureSuccessStatusCode();
        host.Platform.KeysDown = true;

        // A token naming a key we do not have asks for a refresh, which fails in the background; nobody waits for it.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var unknown = host.Platform.Token(host.App.Clock.GetUtcNow(), kid: "rolled-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SendAsync(host.Message("m-3", "help"), unknown)).StatusCode);
        await host.Platform.KeyRequestsReach(2);

        // A day and more later, both families are still checked with the last good keys.
        host.App.Clock.Advance(TimeSpan.FromHours(25));
        var now = host.App.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-4", "help"), host.Platform.Token(now))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-5", "help"), host.Platform.EntraToken(now))).StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"requests waited {started.Elapsed} during the outage");
    }

    [Fact]
    public async Task Before_the_keys_were_ever_read_an_outage_answers_503_so_the_channel_retries()
    {
        await using var down = new TeamsHost(arrangePlatform: p => p.KeysDown = true);
        var response = await down.SendAsync(down.Message("m-1", "help"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, await down.App.WithDbAsync(db => db.ChatInboundEvents.CountAsync()));
    }

    [Fact]
    public async Task A_bot_framework_key_not_endorsed_for_msteams_is_refused()
    {
        await using var other = new TeamsHost(arrangePlatform: p => p.Endorsements = ["slack"]);
        var response = await other.SendAsync(other.Message("m-1", "help"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(other.Platform.Calls);
        Assert.Equal(0, await other.App.WithDbAsync(db => db.ChatInboundEvents.CountAsync()));
    }

    /// <summary>A token signed with a shared secret instead of the channel's RSA key.</summary>
    private static string HmacToken(DateTimeOffset now) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
        new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = FakeBotPlatform.Issuer, Audience = TeamsHost.AppId, Expires = (now + TimeSpan.FromMinutes(30)).UtcDateTime,
            IssuedAt = now.UtcDateTime, NotBefore = now.UtcDateTime,
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = FakeBotPlatform.Kid },
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
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
