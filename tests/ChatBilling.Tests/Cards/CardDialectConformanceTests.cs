using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBilling.Core.Cards;

namespace ChatBilling.Tests.Cards;

/// <summary>
/// Our binder speaks the dialect of Microsoft's Adaptive Card Templating (cards/README.md): every template bound to
/// every sample gives what the official engine (npm adaptivecards-templating) gives, but for the one deliberate
/// difference. Where a value is missing the official engine leaves the <c>${…}</c> text in the card (or a null); ours
/// drops the property or array item a whole-string expression would fill, and binds an expression inside text as "".
/// Both engines know our one added function, <c>mrkdwn(text)</c>, which escapes Slack's markup characters. Teams
/// cards also get their bound text markdown-escaped, by <see cref="CardTemplates"/>, on top of the dialect.
/// </summary>
public sealed partial class CardDialectConformanceTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("chatbilling-dialect-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Every_template_and_sample_binds_as_the_official_engine_binds_it()
    {
        var samples = CardSamples.All().ToList();
        var jobs = new JsonArray();
        foreach (var (name, template, card) in samples)
        {
            var data = Path.Combine(dir, name + ".data.json");
            File.WriteAllText(data, JsonSerializer.Serialize(card, card.GetType(), CardJson.Options));
            jobs.Add(new JsonObject
            {
                ["template"] = Path.Combine(NodeTools.RepoRoot, "cards", template + ".json"),
                ["data"] = data,
                ["out"] = Path.Combine(dir, name + ".reference.json"),
            });
        }
        var jobsFile = Path.Combine(dir, "jobs.json");
        File.WriteAllText(jobsFile, jobs.ToJsonString());
        await NodeTools.EnsureInstalledAsync();

        var (exitCode, output) = await NodeTools.RunAsync("node", "tools/cards-check/bind-reference.mjs", jobsFile);
        Assert.True(exitCode == 0, output);

        var differences = new List<string>();
        foreach (var (name, template, card) in samples)
        {
            // The dialect itself: Teams' markdown escaping of bound text is a channel layer above it (Trust tests).
            var ours = CardBinder.Bind(File.ReadAllText(Path.Combine(NodeTools.RepoRoot, "cards", template + ".json")), card);
            var reference = WithoutUnresolved(JsonNode.Parse(File.ReadAllText(Path.Combine(dir, name + ".reference.json"))));
            if (!JsonNode.DeepEquals(ours, reference))
                differences.Add($"{name}:\n  ours:     {ours?.ToJsonString()}\n  official: {reference?.ToJsonString()}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} of {samples.Count} differ:\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void The_deliberate_difference_is_only_missing_values()
    {
        var reference = JsonNode.Parse("""{"a":"${gone}","b":"Hi ${gone}!","c":["${gone}","kept",null],"d":"kept","e":null}""");
        Assert.Equal("""{"b":"Hi !","c":["kept"],"d":"kept"}""", WithoutUnresolved(reference)!.ToJsonString());
    }

    /// <summary>The official output as our dialect would have it: unresolved whole-string values dropped, inner ones "".</summary>
    private static JsonNode? WithoutUnresolved(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o)
                    if (!IsUnresolved(value)) result[key] = WithoutUnresolved(value);
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Where(v => !IsUnresolved(v)).Select(WithoutUnresolved)]);
            case JsonValue v when v.TryGetValue<string>(out var text) && Unresolved().IsMatch(text):
                return JsonValue.Create(Unresolved().Replace(text, ""));
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsUnresolved(JsonNode? node) =>
        node is null || node is JsonValue v && v.TryGetValue<string>(out var text) && WholeUnresolved().IsMatch(text);

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Unresolved();

    [GeneratedRegex(@"^\$\{[^}]*\}$")]
    private static partial Regex WholeUnresolved();
}
