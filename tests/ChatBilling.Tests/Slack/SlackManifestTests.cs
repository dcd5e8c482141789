using ChatBilling.Tests.Cards;

namespace ChatBilling.Tests.Slack;

/// <summary>The two Slack app manifests ask for what the adapter uses, and the Socket Mode one needs no address.</summary>
public sealed class SlackManifestTests
{
    private static string Manifest(string name) => File.ReadAllText(Path.Combine(NodeTools.RepoRoot, "manifests", "slack", name));

    [Theory]
    [InlineData("app-manifest.yaml")]
    [InlineData("app-manifest.socket-mode.yaml")]
    public void Both_manifests_ask_for_the_scopes_the_adapter_uses(string name)
    {
        var manifest = Manifest(name);
        foreach (var scope in new[] { "chat:write", "files:write", "commands", "app_mentions:read", "users:read", "users:read.email" })
            Assert.Contains($"      - {scope}\n", manifest);
    }

    [Fact]
    public void The_socket_mode_manifest_turns_socket_mode_on_and_names_no_url()
    {
        var manifest = Manifest("app-manifest.socket-mode.yaml");

        Assert.Contains("socket_mode_enabled: true", manifest);
        Assert.DoesNotContain("url:", manifest.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Aggregate("", (a, l) => a + l + "\n"));
        Assert.Contains("socket_mode_enabled: false", Manifest("app-manifest.yaml"));
    }
}
