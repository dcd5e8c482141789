using System.Text.Json.Nodes;

namespace ChatBilling.Tests.Integrity;

/// <summary>
/// Hostile variations of valid requests, from a seeded generator: the same seed gives the same few thousand requests on
/// every run, so a failure reproduces. Each body starts valid and has one or two values replaced, removed or re-shaped.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Values that broke something once, or that sit on a range edge, in raw JSON.</summary>
    private static readonly string[] Hostile =
    [
        "null", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"0001-01-01\"",
        "\"9999-12-31\"", "\"1999-12-31\"", "\"2000-01-01\"", "\"2099-12-31\"", "\"2100-01-01\"", "\"2026-02-30\"", "\"not a date\"",
        "0", "-1", "1", "0.00001", "0.0001", "1.23456", "999999999999.99", "1000000000000", "1000000000000000", "1e15", "1e28",
        "-79228162514264337593543950335", "12345678901234567890123", "true", "false", "[]", "{}", "[1,2]", "{\"a\":{}}",
        "\"" + new string('x', 5000) + "\"", "\"EUR\"", "\"XXX\"", "\"eur\"", "\"monthly\"", "\"cron\"", "\"approve\"", "\"reject\"",
        "\"0 0 30 2 *\"", "\"* * * * *\"", "\"" + string.Join(",", Enumerable.Range(0, 50)) + " * * * *\"", "\"Pacific/Kiritimati\"",
        "\"Etc/GMT-14\"", "\"INV-2026-0001\"", "\"00000000-0000-0000-0000-000000000000\"", "\"<b>&amp;</b>\"", "\"'; drop table x;--\"",
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int max) => random.Next(max);

    public string HostileValue() => Pick(Hostile);

    /// <summary>A mutated copy of <paramref name="valid"/> as raw JSON; now and then not JSON at all, or not an object.</summary>
    public string Mutate(JsonObject valid)
    {
        switch (random.Next(20))
        {
            case 0: return "{\"unterminated\": ";
            case 1: return Pick(["[]", "null", "\"text\"", "42", "[{}]"]);
            case 2: return "";
        }
        var copy = valid.DeepClone().AsObject();
        var raw = new List<string>();
        for (var round = 1 + random.Next(2); round > 0; round--) MutateOne(copy, raw);
        // Hostile values go in as raw JSON text after serialising: a JsonNode cannot write a lone surrogate itself.
        var json = copy.ToJsonString();
        for (var i = 0; i < raw.Count; i++) json = json.Replace($"\"{Placeholder}{i}\"", raw[i], StringComparison.Ordinal);
        return json;
    }

    private const string Placeholder = "__fuzz_value_";

    private JsonNode Hold(List<string> raw)
    {
        raw.Add(HostileValue());
        return JsonValue.Create($"{Placeholder}{raw.Count - 1}");
    }

    private void MutateOne(JsonObject node, List<string> raw)
    {
        // Walk down into a nested object or array element sometimes, so line items and Slack's nested payloads get hit too.
        var keys = node.Select(p => p.Key).ToList();
        if (keys.Count == 0) { node["extra"] = Hold(raw); return; }
        var key = Pick(keys);
        var child = node[key];
        if (child is JsonObject inner && random.Next(2) == 0) { MutateOne(inner, raw); return; }
        if (child is JsonArray { Count: > 0 } list && list[0] is JsonObject first && random.Next(2) == 0) { MutateOne(first, raw); return; }
        switch (random.Next(6))
        {
            case 0: node.Remove(key); break;
            case 1: node["unknownField"] = Hold(raw); break;
            default: node[key] = Hold(raw); break;
        }
    }
}
