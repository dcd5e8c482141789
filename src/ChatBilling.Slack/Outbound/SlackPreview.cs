using System.Text.Json.Nodes;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// The approval card's image block. Slack fetches an <c>image_url</c> itself and refuses the whole message with
/// <c>invalid_blocks</c> when it cannot (a private host, or localhost when PublicBaseUrl is unset), so the card instead
/// shows a PNG uploaded to Slack and referenced as a <c>slack_file</c> (docs.slack.dev/reference/block-kit/blocks/image-block:
/// "image_url or slack_file"; docs.slack.dev/reference/block-kit/composition-objects/slack-file-object). A file only the bot
/// can see may still be refused ("invalid slack file", slackapi/bolt-python#1251, slackapi/java-slack-sdk#1349): then the
/// card goes without its image, since the PDF follows in its thread anyway.
/// </summary>
public static class SlackPreview
{
    public static bool HasImage(JsonObject message) => Image(message) is not null;

    /// <summary>Points the image block at an uploaded Slack file instead of our own URL.</summary>
    public static void UseFile(JsonObject message, string fileId)
    {
        if (Image(message) is not { } image) return;
        image.Remove("image_url");
        image["slack_file"] = new JsonObject { ["id"] = fileId };
    }

    /// <summary>The uploaded file the image block shows, if it shows one.</summary>
    public static string? FileId(JsonObject message) => Image(message)?["slack_file"]?["id"]?.GetValue<string>();

    /// <summary>Removes the image block; false when there was none (so a refusal was about something else).</summary>
    public static bool RemoveImage(JsonObject message)
    {
        if (Image(message) is not { } image) return false;
        message["blocks"]!.AsArray().Remove(image);
        return true;
    }

    private static JsonObject? Image(JsonObject message) =>
        message["blocks"]?.AsArray().OfType<JsonObject>().FirstOrDefault(b => b["type"]?.GetValue<string>() == "image");
}
