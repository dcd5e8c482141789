using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Caching;

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

    /// <summary>Cards bound lately, as JSON text by template and data: room for more than a page of every inbox in use.</summary>
    private static readonly ClearingMemo<string, string> Bound = new(2_000, StringComparer.Ordinal);

    internal static JsonObject Bind(CardDialect dialect, string template, object data)
    {
        var name = $"{dialect.Name}/{template}";
        var element = CardJson.ToElement(data);
        // Binding is a function of the template and the data alone, and the same card is shown again and again (each view
        // of an inbox page, each person's copy): a card seen before is parsed from its JSON, a few times cheaper than
        // binding it anew. Every call still returns a tree of its own, since callers add to it.
        var key = string.Concat(name, "\n", element.GetRawText());
        if (Bound.TryGet(key, out var json)) return JsonNode.Parse(json)!.AsObject();
        var bound = CardBinder.Bind(Template(dialect, name), element, dialect.EscapeText) as JsonObject
            ?? throw new FormatException($"Card template '{name}' did not bind to a JSON object.");
        Bound.Set(key, bound.ToJsonString());
        return bound;
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
