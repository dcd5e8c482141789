using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Slack's external upload flow (docs.slack.dev/messaging/working-with-files, "Uploading files"): files.getUploadURLExternal
/// for a pre-authorised URL and a file id, the bytes POSTed to that URL, then files.completeUploadExternal, which shares the
/// file into a channel or thread when one is given and otherwise leaves it private to the app.
/// </summary>
public sealed class SlackFiles(SlackApi api)
{
    /// <summary>Uploads the bytes; returns the file id.</summary>
    /// <param name="share">Channel, thread and comment to share the file into; null keeps it private to the bot.</param>
    public async Task<string> UploadAsync(string fileName, string title, ReadOnlyMemory<byte> bytes, string? altText,
        (string Channel, string ThreadTs, string Comment)? share, CancellationToken ct)
    {
        List<KeyValuePair<string, string>> ask =
            [new("filename", fileName), new("length", bytes.Length.ToString(CultureInfo.InvariantCulture))];
        // alt_txt describes an image to screen readers (files.getUploadURLExternal's "alt_txt" argument).
        if (altText is not null) ask.Add(new("alt_txt", altText));
        var target = await api.CallFormAsync("files.getUploadURLExternal", ask, ct);
        var fileId = target["file_id"]!.GetValue<string>();
        await api.UploadAsync(target["upload_url"]!.GetValue<string>(), bytes, ct);
        List<KeyValuePair<string, string>> complete = [new("files", new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }).ToJsonString())];
        if (share is { } s) complete.AddRange([new("channel_id", s.Channel), new("thread_ts", s.ThreadTs), new("initial_comment", s.Comment)]);
        await api.CallFormAsync("files.completeUploadExternal", complete, ct);
        return fileId;
    }
}
