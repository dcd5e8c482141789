using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBilling.Core.Cards;

/// <summary>
/// Binds a card template to data: the part of the Adaptive Card Templating language our Teams and Slack
/// templates use. <c>${expr}</c> inside a string interpolates; a string that is exactly <c>${expr}</c> takes
/// the value's JSON type. <c>$data</c> changes the scope, and an array value repeats the element once per item.
/// <c>$when</c> drops the element when false. Missing values become "" inside text and drop the property or
/// array item they would fill. The template is only read, so one parsed template serves any number of binds.
/// </summary>
public static class CardBinder
{
    /// <summary>Binds a template to data already in JSON form; returns a new tree.</summary>
    /// <param name="markdownEscape">
    /// Applied to every bound value that lands in markdown text (a TextBlock's <c>text</c>, a fact's <c>title</c> and
    /// <c>value</c>), never to the template's own text, so client-supplied text shows literally while the template's
    /// <c>**bold**</c> stays bold. Null binds values as they are.
    /// </param>
    public static JsonNode? Bind(JsonElement template, JsonElement data, Func<string, string>? markdownEscape = null)
    {
        var bound = Expand(template, CardScope.For(data) with { Markdown = markdownEscape }).ToList();
        return bound.Count == 1
            ? bound[0]
            : throw new FormatException($"The template root bound to {bound.Count} elements; $data or $when on the root must leave exactly one.");
    }

    /// <summary>Binds a template given as JSON text to an object serialised with <see cref="CardJson.Options"/>.</summary>
    public static JsonNode? Bind(string templateJson, object? data)
        // A deserialised element owns its memory: bound nodes may share template literals, so nothing is disposed.
        => Bind(JsonSerializer.Deserialize<JsonElement>(templateJson), CardJson.ToElement(data));

    private static IEnumerable<JsonNode?> Expand(JsonElement template, CardScope scope)
    {
        switch (template.ValueKind)
        {
            case JsonValueKind.Object when template.TryGetProperty("$data", out var dataTemplate):
                var data = Value(dataTemplate, scope);
                if (data.ValueKind == JsonValueKind.Array)
                    return data.EnumerateArray().SelectMany((item, index) => ExpandObject(template, scope.WithData(item, index)));
                return CardValues.IsMissing(data) ? [] : ExpandObject(template, scope.WithData(data, scope.Index));
            case JsonValueKind.Object:
                return ExpandObject(template, scope);
            case JsonValueKind.Array:
                return [new JsonArray([.. template.EnumerateArray().SelectMany(item => Expand(item, scope))])];
            case JsonValueKind.String:
                var raw = template.GetString()!;
                // The template's own text (no expression) is its literal: no escaping, and no new JSON value to make.
                if (!raw.Contains("${", StringComparison.Ordinal)) return [ToNode(template)];
                var text = BindString(raw, scope);
                return CardValues.IsMissing(text) ? [] : [ToNode(text)];
            default:
                return [ToNode(template)];
        }
    }

    private static IEnumerable<JsonNode?> ExpandObject(JsonElement template, CardScope scope)
    {
        if (template.TryGetProperty("$when", out var when) && !CardValues.IsTruthy(Value(when, scope)))
            return [];
        var result = new JsonObject();
        foreach (var property in template.EnumerateObject())
        {
            if (property.NameEquals("$data") || property.NameEquals("$when")) continue;
            var inMarkdown = scope.Markdown is not null && IsMarkdown(template, property.Name, scope.Holder);
            // A $data array on a property value (not an array item) yields several elements; keep them as an array.
            var values = Expand(property.Value, scope with { Holder = property.Name, InMarkdown = inMarkdown }).ToList();
            if (values.Count == 1) result[property.Name] = values[0];
            else if (values.Count > 1) result[property.Name] = new JsonArray([.. values]);
        }
        return [result];
    }

    /// <summary>
    /// Where Adaptive Cards hosts render markdown: TextBlock text and FactSet facts
    /// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#formatting-cards-with-markdown).
    /// </summary>
    private static bool IsMarkdown(JsonElement template, string property, string? holder) =>
        template.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.String && type.GetString() == "TextBlock" && property == "text"
            : holder == "facts" && property is "title" or "value";

    /// <summary>The data a <c>$data</c> or <c>$when</c> holds: an expression string's value, or the bound literal.</summary>
    private static JsonElement Value(JsonElement template, CardScope scope) => template.ValueKind switch
    {
        JsonValueKind.String => BindString(template.GetString()!, scope),
        JsonValueKind.Object or JsonValueKind.Array => CardJson.ToElement(Expand(template, scope).FirstOrDefault()),
        _ => template,
    };

    private static JsonElement BindString(string text, CardScope scope)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0) return CardValues.Of(text);
        if (start == 0 && ExpressionEnd(text, 2) == text.Length - 1)
        {
            var whole = CardExpression.Evaluate(text[2..^1], scope);
            return scope is { InMarkdown: true, Markdown: { } escape } && whole.ValueKind == JsonValueKind.String
                ? CardValues.Of(escape(whole.GetString()!)) : whole;
        }

        var result = new StringBuilder(text.Length);
        var done = 0;
        while (start >= 0)
        {
            var end = ExpressionEnd(text, start + 2);
            result.Append(text, done, start - done);
            var value = CardValues.ToText(CardExpression.Evaluate(text[(start + 2)..end], scope));
            result.Append(scope is { InMarkdown: true, Markdown: { } escape } ? escape(value) : value);
            done = end + 1;
            start = text.IndexOf("${", done, StringComparison.Ordinal);
        }
        result.Append(text, done, text.Length - done);
        return CardValues.Of(result.ToString());
    }

    /// <summary>Index of the '}' closing an expression that starts at <paramref name="from"/>; braces inside quotes do not count.</summary>
    private static int ExpressionEnd(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '}') return i;
        }
        throw new FormatException($"Card template string '{text}' has a '${{' without its closing '}}'.");
    }

    private static JsonNode? ToNode(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(value),
        JsonValueKind.Array => JsonArray.Create(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(value),
    };
}
