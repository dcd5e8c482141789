using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBilling.Core.Cards;

/// <summary>
/// The card templates of each <see cref="CardDialect"/>, embedded in its adapter's assembly so a host needs no files on
/// disk. A template is named by its path under <c>cards/</c> without extension (<c>teams/approval-request</c>), parsed
/// once, and bound into a fresh tree on every call.
/// </summary>
public static class CardTemplates
{
    private const string Prefix = "cards/";
    private const string Extension = ".json";

    private static readonly ConcurrentDictionary<string, JsonElement> Parsed = new();

    /// <summary>Every template a dialect's assembly embeds, e.g. <c>slack/digest</c>.</summary>
    internal static IReadOnlyList<string> NamesIn(CardDialect dialect) => dialect.Templates.GetManifestResourceNames()
        .Where(n => n.StartsWith($"{Prefix}{dialect.Name}/", StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    internal static JsonObject Bind(CardDialect dialect, string template, object data)
    {
        var name = $"{dialect.Name}/{template}";
        return CardBinder.Bind(Template(dialect, name), CardJson.ToElement(data), dialect.EscapeText) as JsonObject
            ?? throw new FormatException($"Card template '{name}' did not bind to a JSON object.");
    }

    private static JsonElement Template(CardDialect dialect, string name) => Parsed.GetOrAdd(name, _ =>
    {
        using var stream = dialect.Templates.GetManifestResourceStream(Prefix + name + Extension)
            ?? throw new ArgumentException($"No card template '{name}'. Known: {string.Join(", ", NamesIn(dialect))}.", nameof(name));
        using var document = JsonDocument.Parse(stream);
        // Clone detaches the element from the document being disposed; the clone is immutable and safe to share.
        return document.RootElement.Clone();
    });
}
