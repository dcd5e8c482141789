using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Cards;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// What the fake Web API refuses in a message's blocks, as Slack does: sizes over the Block Kit limits
/// (<see cref="SlackLimits"/>, <c>invalid_blocks</c>), over about 12,000 characters of block text in total
/// (<c>msg_blocks_too_long</c>, bolt-js #2509 and #2867), an <c>image_url</c> Slack cannot download (every private or
/// loopback host: Slack fetches images from the internet, and a failed fetch refuses the message with
/// <c>invalid_blocks</c>), and a <c>slack_file</c> that names no completed upload ("invalid slack file").
/// </summary>
internal static class FakeSlackBlocks
{
    public const int MaxTotalText = 12_000;

    /// <summary>Null when Slack would take the message; otherwise Slack's error code and its detail lines.</summary>
    public static (string Error, string[] Messages)? Refusal(JsonObject message, Func<string, bool> isUploadedFile, bool refuseSlackFiles)
    {
        if (message["blocks"] is not JsonArray blocks) return null;
        var problems = SlackLimits.Violations(message).Select(p => $"[ERROR] {p}").ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i]?["type"]?.ToString() != "image") continue;
            if (blocks[i]!["image_url"]?.ToString() is { } url && !Fetchable(url))
                problems.Add($"[ERROR] downloading image failed [json-pointer:/blocks/{i}/image_url]");
            if (blocks[i]!["slack_file"]?["id"]?.ToString() is { } id && (refuseSlackFiles || !isUploadedFile(id)))
                problems.Add($"[ERROR] invalid slack file [json-pointer:/blocks/{i}/slack_file]");
        }
        if (problems.Count > 0) return ("invalid_blocks", problems.ToArray());
        var total = TextLength(blocks);
        return total > MaxTotalText ? ("msg_blocks_too_long", [$"[ERROR] {total} characters of block text"]) : null;
    }

    /// <summary>Every <c>text</c> string in the blocks, summed.</summary>
    public static int TextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray a => a.Sum(TextLength),
        _ => 0,
    };

    // Slack's servers reach only public hosts; the tests' hosts are all on loopback.
    private static bool Fetchable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !uri.IsLoopback
        && !(IPAddress.TryParse(uri.Host, out var ip) && (IPAddress.IsLoopback(ip) || IsPrivate(ip)))
        && !uri.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) && uri.Host != "localhost";

    private static bool IsPrivate(IPAddress ip)
    {
        var b = ip.MapToIPv4().GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }
}
