using ChatBilling.Teams;
using ChatBilling.Teams.Connector;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Teams;

/// <summary>Teams settings: sovereign clouds, tenants, single-tenant start-up, what token refusals log.</summary>
public sealed class TeamsSettingsTests
{
    [Theory]
    [InlineData(TeamsCloudName.Public, "https://api.botframework.com", "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.com/", "https://api.botframework.com/.default")]
    [InlineData(TeamsCloudName.USGov, "https://api.botframework.us", "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.us/", "https://api.botframework.us/.default")]
    [InlineData(TeamsCloudName.USGovDoD, "https://api.botframework.us", "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
        "https://login.microsoftonline.us/", "https://api.botframework.us/.default")]
    [InlineData(TeamsCloudName.China, "https://api.botframework.azure.cn", "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
        "https://login.partner.microsoftonline.cn/", "https://api.botframework.azure.cn/.default")]
    public void Each_cloud_chooses_issuer_metadata_token_endpoint_and_scope(TeamsCloudName cloud, string issuer, string metadata, string login, string scope)
    {
        var s = new TeamsSettings { AppId = "app", TenantId = "tenant-1", Cloud = cloud };
        Assert.Equal(issuer, s.EffectiveBotFrameworkIssuer);
        Assert.Equal(metadata, s.EffectiveOpenIdMetadataUrl);
        Assert.Equal($"{login}tenant-1/v2.0/.well-known/openid-configuration", s.EffectiveEntraOpenIdMetadataUrl);
        Assert.Equal($"{login}tenant-1/oauth2/v2.0/token", s.EffectiveTokenEndpoint);
        Assert.Equal(scope, s.EffectiveScope);
    }

    [Fact]
    public void Every_cloud_value_can_be_overridden()
    {
        var s = new TeamsSettings
        {
            AppId = "app", TenantId = "t", Cloud = TeamsCloudName.USGov, BotFrameworkIssuer = "https://issuer.example",
            OpenIdMetadataUrl = "https://bf.example/openid", EntraOpenIdMetadataUrl = "https://entra.example/{TenantId}/meta",
            TokenEndpoint = "https://entra.example/token", Scope = "https://scope.example/.default",
        };
        Assert.Equal(("https://issuer.example", "https://bf.example/openid", "https://entra.example/t/meta", "https://entra.example/token", "https://scope.example/.default"),
            (s.EffectiveBotFrameworkIssuer, s.EffectiveOpenIdMetadataUrl, s.EffectiveEntraOpenIdMetadataUrl, s.EffectiveTokenEndpoint, s.EffectiveScope));
    }

    [Fact]
    public void Allowed_tenants_default_to_our_own_and_a_star_allows_any()
    {
        Assert.True(new TeamsSettings { TenantId = "t-1" }.AllowsTenant("T-1"));
        Assert.False(new TeamsSettings { TenantId = "t-1" }.AllowsTenant("t-2"));
        Assert.False(new TeamsSettings { TenantId = "t-1" }.AllowsTenant(null));
        Assert.True(new TeamsSettings { TenantId = "t-1", AllowedTenants = ["t-2"] }.AllowsTenant("t-2"));
        Assert.False(new TeamsSettings { TenantId = "t-1", AllowedTenants = ["t-2"] }.AllowsTenant("t-1"));
        Assert.True(new TeamsSettings { AllowedTenants = ["*"] }.AllowsTenant("anyone"));
        Assert.False(new TeamsSettings().AllowsTenant("anyone"));
    }

    [Fact]
    public void Start_up_refuses_a_single_tenant_bot_without_its_tenant_naming_the_setting()
    {
        using var app = new BillingApp().With("Teams:AppId", TeamsHost.AppId).With("Teams:AppPassword", "secret");
        var e = Assert.ThrowsAny<Exception>(() => app.Http());
        Assert.Contains("Teams:TenantId", (e.InnerException ?? e).Message);
        Assert.Contains("SingleTenant", (e.InnerException ?? e).Message);
    }

    [Fact]
    public async Task A_multi_tenant_bot_may_start_without_a_tenant()
    {
        using var app = new BillingApp().With("Teams:AppId", TeamsHost.AppId).With("Teams:AppType", "MultiTenant")
            .With("Teams:OpenIdMetadataUrl", "http://127.0.0.1:9/openid").With("Teams:EntraOpenIdMetadataUrl", "http://127.0.0.1:9/{TenantId}/meta");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Http().GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'x'. Trace ID: 1","error_codes":[7000215]}""",
        "error=invalid_client AADSTS7000215")]
    [InlineData("""{"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.","error_codes":[700016]}""",
        "error=unauthorized_client AADSTS700016")]
    [InlineData("<html>bad gateway</html>", "the answer was not an OAuth error document")]
    public void A_token_endpoint_refusal_is_described_by_its_error_and_aadsts_code_only(string body, string expected) =>
        Assert.Equal(expected, EntraError.Describe(body));
}
