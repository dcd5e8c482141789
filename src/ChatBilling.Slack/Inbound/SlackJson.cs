using System.Text.Json.Nodes;

namespace ChatBilling.Slack.Inbound;

internal static class SlackJson
{
    /// <summary>The node's string, or null when it is missing or not a string (a malformed payload is not a crash).</summary>
    public static string? Text(this JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
