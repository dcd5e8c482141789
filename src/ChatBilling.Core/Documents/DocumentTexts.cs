using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatBilling.Core.Documents;

/// <summary>
/// The words printed on documents, the customer page and customer emails, in one language. They come from
/// <c>Documents/Texts/{language}.json</c> (flat keys, <c>{name}</c> placeholders) so a translator edits JSON,
/// not C#. A key missing from a translation falls back to English.
/// </summary>
public sealed class DocumentTexts
{
    /// <summary>The languages with a translation file; any other locale gets English.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "ja"];

    // English first: every other language falls back to it, key by key.
    private static readonly DocumentTexts EnglishTexts = Load("en", null);
    private static readonly FrozenDictionary<string, DocumentTexts> All =
        Languages.ToFrozenDictionary(l => l, l => l == "en" ? EnglishTexts : Load(l, EnglishTexts));

    private readonly FrozenDictionary<string, string> texts;
    private readonly DocumentTexts? fallback;

    private DocumentTexts(string language, FrozenDictionary<string, string> texts, DocumentTexts? fallback)
    {
        Language = language;
        this.texts = texts;
        this.fallback = fallback;
    }

    /// <summary>The two-letter language these texts are in, e.g. for <c>&lt;html lang&gt;</c>.</summary>
    public string Language { get; }

    public static DocumentTexts English => EnglishTexts;

    /// <summary>The texts for a locale such as "de-AT" or "ja": its language, or English.</summary>
    public static DocumentTexts For(string? locale)
    {
        var language = LanguageOf(locale);
        return All.TryGetValue(language, out var texts) ? texts : English;
    }

    public string this[string key] =>
        texts.TryGetValue(key, out var text) ? text
        : fallback?[key] ?? throw new KeyNotFoundException($"No text '{key}' in Documents/Texts/en.json.");

    /// <summary>The text with each <c>{name}</c> replaced by its value.</summary>
    public string Format(string key, params (string Name, string Value)[] values)
    {
        var builder = new StringBuilder(this[key]);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    private static string LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return "en";
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale.Trim());
            return culture.TwoLetterISOLanguageName;
        }
        catch (CultureNotFoundException)
        {
            return "en";
        }
    }

    private static DocumentTexts Load(string language, DocumentTexts? fallback)
    {
        var resource = $"ChatBilling.Core.Documents.Texts.{language}.json";
        using var stream = typeof(DocumentTexts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded texts '{resource}' are missing from the assembly.");
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Embedded texts '{resource}' are empty.");
        return new DocumentTexts(language, texts.ToFrozenDictionary(StringComparer.Ordinal), fallback);
    }
}
