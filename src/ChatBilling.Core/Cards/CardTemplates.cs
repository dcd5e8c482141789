using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBilling.Core.Cards;

/// <summary>
/// The card templates of <c>cards/teams</c> and <c>cards/slack</c>, embedded in this assembly so a host needs
/// no files on disk. A template is named by its path under <c>cards/</c> without extension
/// (<c>teams/approval-request</c>), parsed once, and bound into a fresh tree on every call.
/// </summary>
public static class CardTemplates
{
    private const string Prefix = "cards/";
    private const string Extension = ".json";

    private static readonly ConcurrentDictionary<string, JsonElement> Parsed = new();

    /// <summary>Every embedded template name, e.g. <c>slack/digest</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(CardTemplates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Binds a view model into its template for a channel.</summary>
    public static JsonObject Bind<TCard>(CardChannel channel, TCard card) where TCard : ICard =>
        Bind(NameOf<TCard>(channel), card);

    /// <summary>Binds any data into a named template, e.g. <c>Bind("slack/help", card)</c>.</summary>
    public static JsonObject Bind(string templateName, object data) =>
        CardBinder.Bind(Template(templateName), CardJson.ToElement(data),
            templateName.StartsWith("teams/", StringComparison.Ordinal) ? TeamsMarkdown.Escape : null) as JsonObject
        ?? throw new FormatException($"Card template '{templateName}' did not bind to a JSON object.");

    /// <summary>Binds into a named template and returns compact JSON, ready for a Slack or Bot Framework request body.</summary>
    public static string BindToJson(string templateName, object data) => Bind(templateName, data).ToJsonString();

    /// <summary>The template name of a view model for a channel, e.g. <c>teams/decided</c>.</summary>
    public static string NameOf<TCard>(CardChannel channel) where TCard : ICard =>
        $"{channel.ToString().ToLowerInvariant()}/{TCard.TemplateName}";

    private static JsonElement Template(string name) => Parsed.GetOrAdd(name, static name =>
    {
        using var stream = typeof(CardTemplates).Assembly.GetManifestResourceStream(Prefix + name + Extension)
            ?? throw new ArgumentException($"No card template '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        using var document = JsonDocument.Parse(stream);
        // Clone detaches the element from the document being disposed; the clone is immutable and safe to share.
        return document.RootElement.Clone();
    });
}
