using System.Text.Json.Nodes;

namespace ChatBilling.Tests.Cards;

/// <summary>
/// Slack's documented size limits (docs.slack.dev, Block Kit reference), which its TypeScript types cannot
/// express: a message over them is refused by chat.postMessage with invalid_blocks.
/// </summary>
internal static class SlackLimits
{
    public static IEnumerable<string> Violations(JsonObject message)
    {
        var blocks = message["blocks"]?.AsArray() ?? [];
        if (blocks.Count > 50) yield return $"{blocks.Count} blocks, Slack allows 50";
        if (Length(message["text"]) > 40_000) yield return "text over 40,000 characters";

        foreach (var (block, index) in blocks.Select((b, i) => (b!.AsObject(), i)))
        {
            var at = $"block {index} ({block["type"]})";
            var problems = block["type"]?.GetValue<string>() switch
            {
                "header" => Max(block["text"]?["text"], 150, "header text"),
                "section" => Max(block["text"]?["text"], 3000, "section text")
                    .Concat(Count(block["fields"], 10, "fields"))
                    .Concat((block["fields"]?.AsArray() ?? []).SelectMany(f => Max(f?["text"], 2000, "field text")))
                    .Concat(Button(block["accessory"])),
                "context" => Count(block["elements"], 10, "context elements"),
                "actions" => Count(block["elements"], 25, "action elements")
                    .Concat((block["elements"]?.AsArray() ?? []).SelectMany(Button)),
                "image" => Max(block["image_url"], 3000, "image_url").Concat(Max(block["alt_text"], 2000, "alt_text")),
                _ => [],
            };
            foreach (var problem in problems.Concat(Max(block["block_id"], 255, "block_id"))) yield return $"{at}: {problem}";
        }
    }

    private static IEnumerable<string> Button(JsonNode? element) => element?["type"]?.GetValue<string>() != "button"
        ? []
        : Max(element["text"]?["text"], 75, "button text")
            .Concat(Max(element["value"], 2000, "button value"))
            .Concat(Max(element["url"], 3000, "button url"))
            .Concat(Max(element["action_id"], 255, "action_id"));

    private static IEnumerable<string> Max(JsonNode? text, int max, string what) =>
        Length(text) > max ? [$"{what} is {Length(text)} characters, Slack allows {max}"] : [];

    private static IEnumerable<string> Count(JsonNode? array, int max, string what) =>
        array is JsonArray { Count: var n } && n > max ? [$"{n} {what}, Slack allows {max}"] : [];

    private static int Length(JsonNode? text) => text is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0;
}
