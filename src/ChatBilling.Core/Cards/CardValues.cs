using System.Globalization;
using System.Text.Json;

namespace ChatBilling.Core.Cards;

/// <summary>
/// The value rules of the binding language, all on <see cref="JsonElement"/> so that data, literals and
/// results share one representation and a path result keeps its JSON type when bound.
/// </summary>
internal static class CardValues
{
    public static readonly JsonElement Missing = default;
    public static readonly JsonElement True = JsonSerializer.SerializeToElement(true);
    public static readonly JsonElement False = JsonSerializer.SerializeToElement(false);

    public static JsonElement Of(bool value) => value ? True : False;
    public static JsonElement Of(decimal value) => JsonSerializer.SerializeToElement(value);
    public static JsonElement Of(string value) => JsonSerializer.SerializeToElement(value);

    public static bool IsMissing(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>Missing, null, false, 0 and "" are false; everything else (objects and arrays included) is true.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => Number(value) != 0,
        JsonValueKind.String => value.GetString() is { Length: > 0 },
        JsonValueKind.Object or JsonValueKind.Array => true,
        _ => false,
    };

    /// <summary>The text a value becomes inside a longer string: strings as they are, missing as "".</summary>
    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    /// <summary>Values of different kinds are never equal (no coercion); missing equals null.</summary>
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (IsMissing(a) || IsMissing(b)) return IsMissing(a) && IsMissing(b);
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number) return Number(a) == Number(b);
        return JsonElement.DeepEquals(a, b);
    }

    /// <summary>Orders two numbers or two strings (ordinal); null for anything else, which makes every comparison false.</summary>
    public static int? Compare(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => Number(a).CompareTo(Number(b)),
        (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(a.GetString(), b.GetString()),
        _ => null,
    };

    /// <summary>Items of an array, properties of an object, characters of a string; 0 for anything else.</summary>
    public static int Count(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Count(),
        JsonValueKind.String => value.GetString()!.Length,
        _ => 0,
    };

    public static bool IsEmpty(JsonElement value) =>
        IsMissing(value) || (value.ValueKind is JsonValueKind.Array or JsonValueKind.Object or JsonValueKind.String && Count(value) == 0);

    /// <summary>Follows one property name (a path's <c>.name</c>) without making the name a JSON value first.</summary>
    public static JsonElement Member(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var property) ? property : Missing;

    /// <summary>Follows one property name or array index; anything that does not fit is missing, never an error.</summary>
    public static JsonElement Member(JsonElement value, JsonElement key)
    {
        if (value.ValueKind == JsonValueKind.Object && key.ValueKind == JsonValueKind.String)
            return value.TryGetProperty(key.GetString()!, out var property) ? property : Missing;
        if (value.ValueKind == JsonValueKind.Array && key.ValueKind == JsonValueKind.Number
            && decimal.IsInteger(Number(key)) && Number(key) >= 0 && Number(key) < value.GetArrayLength())
            return value[(int)Number(key)];
        return Missing;
    }

    // Numbers beyond decimal's range (1e300) fall back to double, which is exact enough for display logic.
    private static decimal Number(JsonElement value) =>
        value.TryGetDecimal(out var d) ? d : (decimal)Math.Clamp(value.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue);

    /// <summary>Parses a number literal of an expression the same way JSON numbers are read.</summary>
    public static JsonElement ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Of(d)
            : throw new FormatException($"'{text}' is not a number.");
}
