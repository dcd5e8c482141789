using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;

namespace ChatBilling.Tests.Cards;

/// <summary>
/// Binds every template with the samples and hands the results to the platforms' own tools: the Adaptive
/// Cards SDK for Teams (tools/cards-check/check-teams.mjs) and Slack's Block Kit types compiled by TypeScript
/// (tools/cards-check/check-slack.mjs). Any warning fails the test and shows the tool's output.
/// </summary>
public sealed class PlatformCardChecks : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chatbilling-cards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_samples_cover_every_template()
    {
        var covered = CardSamples.All().Select(s => s.Template).ToHashSet();
        Assert.Equal(Dialects.Names, Dialects.Names.Where(covered.Contains));
        Assert.Equal(12, Dialects.Names.Count);
    }

    [Fact]
    public async Task Teams_cards_pass_the_Adaptive_Cards_SDK_without_warnings()
    {
        var files = WriteBound("teams.");
        await NodeTools.EnsureInstalledAsync();

        var (exitCode, output) = await NodeTools.RunAsync("node", ["tools/cards-check/check-teams.mjs", .. files]);

        Assert.True(exitCode == 0, $"check-teams.mjs found problems:\n{output}");
        Assert.Contains($"{files.Count} card(s) checked, 0 problem(s)", output);
    }

    [Fact]
    public async Task Slack_messages_type_check_against_Slack_Block_Kit_types()
    {
        var files = WriteBound("slack.");
        await NodeTools.EnsureInstalledAsync();

        var (exitCode, output) = await NodeTools.RunAsync("node", ["tools/cards-check/check-slack.mjs", .. files]);

        Assert.True(exitCode == 0, $"check-slack.mjs found problems:\n{output}");
        Assert.Contains($"{files.Count} message(s) checked, 0 problem(s)", output);
    }

    [Fact]
    public void Slack_messages_stay_within_Slack_size_limits()
    {
        var violations = CardSamples.All().Where(s => s.Name.StartsWith("slack.", StringComparison.Ordinal))
            .SelectMany(s => SlackLimits.Violations(Dialects.Bind(s.Template, s.Card)).Select(v => $"{s.Name}: {v}"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private List<string> WriteBound(string prefix) =>
        CardSamples.All().Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s =>
        {
            var path = Path.Combine(_dir, s.Name + ".json");
            File.WriteAllText(path, Dialects.BindToJson(s.Template, s.Card));
            return path;
        }).ToList();
}
