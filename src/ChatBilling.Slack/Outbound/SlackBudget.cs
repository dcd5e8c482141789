using System.Text.Json.Nodes;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Keeps a message inside what Slack accepts. The documented limits (docs.slack.dev/reference/block-kit/blocks):
/// 50 blocks a message, 3,000 characters of section text, 150 of header text, 2,000 per section field. The undocumented
/// one: chat.postMessage refuses about 12,000 characters of block text in total with <c>msg_blocks_too_long</c> (bolt-js
/// issues #2509 "Blocks too long error at ~13200 characters" and #2867: "12,000 text characters with a buffer for block
/// containers"). Lists are shortened from their end with "…and N more" and a link to the whole list; long texts end in "…".
/// </summary>
public static class SlackBudget
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxFieldText = 2000;
    /// <summary>Slack's cumulative block text limit.</summary>
    public const int MaxTotalText = 12_000;
    /// <summary>What we aim under, leaving Slack's "buffer for block containers" and our own "…and N more" lines room.</summary>
    public const int TargetTotalText = 11_000;
    /// <summary>One item's text in a list (a failure reason): a line, not a page.</summary>
    public const int MaxItemText = 300;
    /// <summary>chat.postMessage: "limit the number of characters in the text field to 4,000" (docs.slack.dev/reference/methods/chat.postMessage).</summary>
    public const int MaxMessageText = 4000;

    /// <summary>Escaped mrkdwn cut to a section's 3,000 characters, never through an entity like <c>&amp;lt;</c>.</summary>
    public static string Section(string escapedMrkdwn) => Cut(escapedMrkdwn, MaxSectionText);

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when cut; an escape entity is kept whole or dropped.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        var amp = text.LastIndexOf('&', end - 1, Math.Min(end, 6));
        if (amp >= 0 && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= end)) end = amp;
        // Nor through a surrogate pair (an emoji).
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }

    /// <summary>
    /// The message cut to Slack's limits. <paramref name="moreUrl"/> (the console) is linked when a list had to be shortened.
    /// </summary>
    public static JsonObject Fit(JsonObject message, string? moreUrl = null)
    {
        if (message["text"] is JsonValue text && text.TryGetValue<string>(out var t)) message["text"] = Cut(t, MaxMessageText);
        if (message["blocks"] is not JsonArray blocks) return message;
        foreach (var block in blocks.OfType<JsonObject>()) CapBlock(block);

        var shortened = false;
        while ((TextLength(blocks) > TargetTotalText || blocks.Count > MaxBlocks) && DropOneItem(blocks)) shortened = true;
        // Still too long with every list at one item (many lists, or long non-list text): drop whole blocks from the end.
        while ((TextLength(blocks) > TargetTotalText || blocks.Count > MaxBlocks) && blocks.Count > 1)
        {
            blocks.RemoveAt(blocks.Count - 1);
            shortened = true;
        }
        if (shortened && blocks.Count == MaxBlocks) blocks.RemoveAt(blocks.Count - 1);
        if (shortened)
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = moreUrl is null ? "Slack shows only part of this; the web console has all of it."
                        : $"Slack shows only part of this: <{moreUrl}|everything in the web console>",
                }),
            });
        return message;
    }

    /// <summary>Sum of every <c>text</c> string in the blocks: what Slack's cumulative limit counts.</summary>
    public static int TextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray a => a.Sum(TextLength),
        _ => 0,
    };

    private static void CapBlock(JsonObject block)
    {
        switch (block["type"].Str())
        {
            case "section":
                CapText(block["text"], MaxSectionText);
                foreach (var field in block["fields"]?.AsArray() ?? []) CapText(field, MaxFieldText);
                break;
            case "header":
                CapText(block["text"], MaxHeaderText);
                break;
            case "rich_text":
                foreach (var list in Lists(block))
                foreach (var text in list["elements"]!.AsArray().SelectMany(i => i?["elements"]?.AsArray() ?? []).OfType<JsonObject>())
                    if (text["type"].Str() == "text") CapValue(text, MaxItemText);
                break;
        }
    }

    private static void CapText(JsonNode? textObject, int max)
    {
        if (textObject is JsonObject o) CapValue(o, max);
    }

    private static void CapValue(JsonObject holder, int max)
    {
        if (holder["text"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > max) holder["text"] = Cut(s, max);
    }

    private static IEnumerable<JsonObject> Lists(JsonObject richText) =>
        (richText["elements"]?.AsArray() ?? []).OfType<JsonObject>().Where(e => e["type"].Str() == "rich_text_list" && e["elements"] is JsonArray);

    /// <summary>Drops the last item of the longest list (keeping one), counting it into that list's "…and N more" line.</summary>
    private static bool DropOneItem(JsonArray blocks)
    {
        var longest = blocks.OfType<JsonObject>().Where(b => b["type"].Str() == "rich_text").SelectMany(Lists)
            .Select(list => (List: list.AsObject(), Items: list["elements"]!.AsArray()))
            .Where(l => l.Items.Count(i => !IsMoreLine(i)) > 1)
            .OrderByDescending(l => TextLength(l.Items))
            .FirstOrDefault();
        if (longest.List is null) return false;
        var items = longest.Items;
        var more = items.LastOrDefault(IsMoreLine);
        var lastItem = items.Last(i => !IsMoreLine(i));
        items.Remove(lastItem);
        var already = more is null ? 0 : MoreCount(more);
        if (more is not null) items.Remove(more);
        items.Add(MoreLine(already + 1));
        return true;
    }

    private const string MorePrefix = "…and ";

    private static bool IsMoreLine(JsonNode? item) =>
        item?["elements"] is JsonArray { Count: 1 } e && e[0]?["text"].Str() is { } s && s.StartsWith(MorePrefix, StringComparison.Ordinal) && s.EndsWith(" more", StringComparison.Ordinal);

    private static int MoreCount(JsonNode item) =>
        int.TryParse(item["elements"]![0]!["text"].Str()![MorePrefix.Length..^" more".Length], out var n) ? n : 0;

    private static JsonObject MoreLine(int count) => new()
    {
        ["type"] = "rich_text_section",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "text", ["text"] = $"{MorePrefix}{count} more", ["style"] = new JsonObject { ["italic"] = true },
        }),
    };

    private static string? Str(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
