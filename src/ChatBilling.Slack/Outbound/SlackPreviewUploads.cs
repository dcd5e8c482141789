using ChatBilling.Core.Caching;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// The Slack file id of each preview PNG this host uploaded, by the SHA-256 of the frozen document it shows (of the PNG
/// itself for a drawing that was never frozen), so a card updated after a click shows the same uploaded file instead of
/// uploading the same bytes again (three Web API calls and a duplicate file per update).
/// A <c>slack_file</c> object references an uploaded file by id and may appear in any number of messages
/// (docs.slack.dev/reference/block-kit/composition-objects/slack-file-object). Another host, or this one after a restart,
/// simply uploads once more.
/// </summary>
public sealed class SlackPreviewUploads
{
    // Cards are updated soon after they are posted; forgetting everything now and then keeps the memory bounded.
    private readonly ClearingMemo<string, string> fileIds = new(10_000, StringComparer.Ordinal);

    public string? FileOf(string sha256) => fileIds.TryGet(sha256, out var id) ? id : null;

    public void Remember(string sha256, string fileId) => fileIds.Set(sha256, fileId);

    /// <summary>Slack refused a remembered file (deleted, say): the next card uploads it again.</summary>
    public void Forget(string fileId) => fileIds.RemoveWhere((_, id) => id == fileId);
}
