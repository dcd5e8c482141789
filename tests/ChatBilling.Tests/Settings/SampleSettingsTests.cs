using ChatBilling.Tests.Cards;
using Microsoft.Extensions.Configuration;

namespace ChatBilling.Tests.Settings;

/// <summary>appsettings.sample.json is what operators copy from: it must load, and name every contract setting.</summary>
public sealed class SampleSettingsTests
{
    private static readonly IConfigurationRoot Sample = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(NodeTools.RepoRoot, "appsettings.sample.json"), optional: false).Build();

    [Theory]
    [InlineData("ConnectionStrings:ChatBilling")]
    [InlineData("Database:Provider")]
    [InlineData("PublicBaseUrl")]
    [InlineData("Api:Keys:0:key")]
    [InlineData("Api:Keys:1:scopes:0")]
    [InlineData("ForwardedHeaders:KnownProxies:0")]
    [InlineData("DataProtection:CertificatePath")]
    [InlineData("Approvals:Viewers:0:email")]
    [InlineData("Approvals:Viewers:0:slackUserId")]
    [InlineData("Approvals:Viewers:0:teamsAadObjectId")]
    [InlineData("Slack:SigningSecret")]
    [InlineData("Slack:BotToken")]
    [InlineData("Slack:AppToken")]
    [InlineData("Slack:ApiBaseUrl")]
    [InlineData("Slack:ApprovalChannel")]
    [InlineData("Slack:DigestChannel")]
    [InlineData("Teams:AppId")]
    [InlineData("Teams:OpenIdMetadataUrl")]
    [InlineData("Teams:EntraOpenIdMetadataUrl")]
    [InlineData("Teams:AllowedTenants:0")]
    [InlineData("Teams:Cloud")]
    [InlineData("Teams:AppType")]
    [InlineData("Teams:ApprovalChannelId")]
    [InlineData("Smtp:PickupDirectory")]
    [InlineData("Approvals:AutoApproveBelow")]
    [InlineData("Approvals:Rules:0:minAmount")]
    [InlineData("Approvals:DeadlineHours")]
    [InlineData("Reminders:OffsetsDays:0")]
    [InlineData("Digest:TimeOfDay")]
    [InlineData("Digest:TimeZone")]
    [InlineData("Triggers:Sources:0:secret")]
    public void The_sample_loads_and_gives_an_example_of(string key) => Assert.False(string.IsNullOrEmpty(Sample[key]), key);
}
