using System.Text.Json.Nodes;

namespace ChatBilling.Host.WebConsole;

/// <summary>A one-line Adaptive Card for console answers that are not a bot card (a refusal).</summary>
internal static class ConsoleNote
{
    public static JsonObject Card(string text) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
