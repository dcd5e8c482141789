using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Slack as a chat channel: approval cards into <c>Slack:ApprovalChannel</c> with their preview uploaded to Slack and the
/// PDF in their thread, cards updated in place after decisions, reminders in the card's thread, the digest into
/// <c>Slack:DigestChannel</c>. Every message is cut to Slack's limits (<see cref="SlackBudget"/>) before it goes.
/// </summary>
public sealed class SlackChannel(
    SlackApi api, SlackFiles files, IOptions<SlackSettings> settings, ChatBillingDb db, IInvoicePdfSource pdfs,
    InvoiceDocuments documents, Inbound.SlackPeople people, SlackPreviewUploads uploads, ILogger<SlackChannel> log) : IChatChannel
{
    public const string Name = "slack";

    public async Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct)
    {
        var channel = Required(settings.Value.ApprovalChannel, "Slack:ApprovalChannel");
        var message = await CardAsync(approval, posting: true, ct);
        var posted = await WithoutImageIfRefusedAsync(message, m => PostMessageAsync(m.With(("channel", channel)), ct), approval);
        return new(posted["channel"]!.GetValue<string>(), posted["ts"]!.GetValue<string>());
    }

    public bool FollowsUpApprovalPosts => true;

    /// <summary>Shares the frozen PDF, the very bytes being approved, in the card's thread (Slack's external upload flow).</summary>
    public async Task AfterApprovalPostedAsync(ChatMessageRef posted, Guid invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == invoiceId, ct);
        var pdf = await pdfs.GetPdfAsync(invoice, ct);
        await files.UploadAsync($"{invoice.Number}.pdf", $"Invoice {invoice.Number}", pdf, altText: null,
            (posted.ConversationId, posted.MessageId, $"The PDF of {invoice.Number} as submitted for approval."), ct);
    }

    public async Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct)
    {
        var message = await CardAsync(approval, posting: false, ct);
        await WithoutImageIfRefusedAsync(message, m => api.CallAsync("chat.update",
            SlackBudget.Fit(m.With(("channel", posted.ConversationId), ("ts", posted.MessageId)), ConsoleUrl), ct), approval);
    }

    public async Task PostDigestAsync(DigestCard digest, CancellationToken ct)
    {
        var channel = Required(settings.Value.DigestChannel ?? settings.Value.ApprovalChannel, "Slack:DigestChannel");
        await PostMessageAsync(SlackDialect.Cards.Bind(digest).With(("channel", channel)), ct);
    }

    public async Task PostNoticeAsync(ChatNotice notice, CancellationToken ct)
    {
        var channel = notice.Thread?.ConversationId ?? Required(settings.Value.ApprovalChannel, "Slack:ApprovalChannel");
        List<string> ids = [];
        foreach (var person in notice.People)
            if (await people.UserIdOfAsync(person, ct) is { } id) ids.Add(id);
        var mentions = SlackMessages.Mentions(ids);
        var text = (mentions.Length > 0 ? mentions + " " : "") + SlackMessages.Escape(notice.Text);
        await PostMessageAsync(new JsonObject { ["channel"] = channel, ["text"] = text }.With(("thread_ts", notice.Thread?.MessageId)), ct);
    }

    /// <summary>chat.postMessage, cut to Slack's limits, in the channel's turn (the pacing is in <see cref="SlackApi"/>).</summary>
    internal Task<JsonObject> PostMessageAsync(JsonObject message, CancellationToken ct) =>
        api.CallAsync("chat.postMessage", SlackBudget.Fit(message, ConsoleUrl), ct);

    /// <summary>Where the whole of a shortened list can be read: the web console, when PublicBaseUrl says where it is.</summary>
    private string? ConsoleUrl => settings.Value.ConsoleUrl;

    /// <summary>
    /// The card, its image pointing at the frozen preview PNG uploaded to Slack (never at our own host). A card updated
    /// after a click finds the file its post uploaded by the frozen document's hash, without reading the image again.
    /// </summary>
    /// <param name="posting">
    /// A new card, whose preview is almost never uploaded yet: the hash and the image are read in one query at once rather
    /// than the hash first (one round trip fewer per post on PostgreSQL).
    /// </param>
    private async Task<JsonObject> CardAsync(ChannelApproval approval, bool posting, CancellationToken ct)
    {
        var message = SlackMessages.Card(approval.Card);
        if (!SlackPreview.HasImage(message)) return message;
        try
        {
            var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == approval.InvoiceId, ct);
            var frozen = posting ? await documents.FrozenPreviewAsync(invoice, ct) : null;
            var known = frozen?.Sha256 ?? (posting ? null : await documents.FrozenSha256Async(invoice, ct));
            var fileId = known is null ? null : uploads.FileOf(known);
            if (fileId is null)
            {
                // The hash and the image are read together, so the file is remembered under the document it shows.
                var (sha, png) = (posting ? frozen : await documents.FrozenPreviewAsync(invoice, ct)) is { } preview
                    ? preview : (null, await documents.PreviewPngAsync(invoice, ct));
                fileId = await files.UploadAsync($"{invoice.Number}-preview.png", $"Invoice {invoice.Number}, page 1",
                    png, $"First page of invoice {invoice.Number}", share: null, ct);
                uploads.Remember(sha ?? DocumentHash.Sha256Hex(png), fileId);
            }
            SlackPreview.UseFile(message, fileId);
        }
        // Uploads refused for good (files:write not granted, uploads disabled in the workspace): the card goes without it.
        catch (OutboxGiveUpException e)
        {
            log.LogWarning("The preview of {Number} could not be uploaded to Slack, so its card goes without the image: {Error}", approval.Number, e.Message);
            SlackPreview.RemoveImage(message);
        }
        return message;
    }

    /// <summary>Sends the card; if Slack refuses its blocks and it has an image, sends it once more without the image.</summary>
    private async Task<JsonObject> WithoutImageIfRefusedAsync(JsonObject message, Func<JsonObject, Task<JsonObject>> send, ChannelApproval approval)
    {
        var fileId = SlackPreview.FileId(message);
        try
        {
            return await send(message);
        }
        catch (OutboxGiveUpException e) when (e.InnerException is SlackApiException { Error: "invalid_blocks" } && SlackPreview.RemoveImage(message))
        {
            if (fileId is not null) uploads.Forget(fileId);
            log.LogWarning("Slack refused the card of {Number} with its preview image ({Error}); sending it without the image.", approval.Number, e.Message);
            return await send(message);
        }
    }

    // A missing channel id is a set-up mistake: retrying for hours would not fix it, so it fails visibly at once.
    private static string Required(string? value, string key) =>
        !string.IsNullOrWhiteSpace(value) ? value : throw new OutboxGiveUpException($"{key} is not set, so Slack does not know where to post.");
}
