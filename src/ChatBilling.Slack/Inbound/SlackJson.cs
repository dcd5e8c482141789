using System.Text.Json.Nodes;

namespace ChatBilling.Slack.Inbound;

internal static class SlackJson
{
    /// <summary>The node's string, or null when it is missing or not a string (a malformed payload is not a crash).</summary>
    public static string? Text(this JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// A signed payload whose JSON is well formed but not shaped as Slack documents it (an array where an object belongs,
    /// a string escaping a lone surrogate): System.Text.Json says so with InvalidOperationException or ArgumentException.
    /// Such a request is answered 400, never 500.
    /// </summary>
    public static bool IsShapeError(Exception e) =>
        e is InvalidOperationException or ArgumentException && e.Source?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true;
}
