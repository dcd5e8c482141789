using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Slack as a chat channel: approval cards into <c>Slack:ApprovalChannel</c> with the PDF in their thread, cards
/// updated in place after decisions, reminders in the card's thread, the digest into <c>Slack:DigestChannel</c>.
/// </summary>
public sealed class SlackChannel(
    SlackApi api, SlackPacing pacing, IOptions<SlackSettings> settings, ChatBillingDb db, IInvoicePdfSource pdfs) : IChatChannel
{
    public const string Name = "slack";

    public async Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct)
    {
        var channel = Required(settings.Value.ApprovalChannel, "Slack:ApprovalChannel");
        var posted = await PostMessageAsync(SlackMessages.Card(approval.Card).With(("channel", channel)), ct);
        return new(posted["channel"]!.GetValue<string>(), posted["ts"]!.GetValue<string>());
    }

    /// <summary>Shares the frozen PDF, the very bytes being approved, in the card's thread (Slack's external upload flow).</summary>
    public async Task AfterApprovalPostedAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == approval.InvoiceId, ct);
        var pdf = await pdfs.GetPdfAsync(invoice, ct);
        var fileName = $"{invoice.Number}.pdf";
        var target = await api.CallFormAsync("files.getUploadURLExternal",
            [new("filename", fileName), new("length", pdf.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], ct);
        await api.UploadAsync(target["upload_url"]!.GetValue<string>(), pdf, ct);
        var files = new JsonArray(new JsonObject { ["id"] = target["file_id"]!.GetValue<string>(), ["title"] = $"Invoice {invoice.Number}" });
        await api.CallFormAsync("files.completeUploadExternal",
        [
            new("files", files.ToJsonString()), new("channel_id", posted.ConversationId), new("thread_ts", posted.MessageId),
            new("initial_comment", $"The PDF of {invoice.Number} as submitted for approval."),
        ], ct);
    }

    public async Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct) =>
        await api.CallAsync("chat.update",
            SlackMessages.Card(approval.Card).With(("channel", posted.ConversationId), ("ts", posted.MessageId)), ct);

    public async Task PostDigestAsync(DigestCard digest, CancellationToken ct)
    {
        var channel = Required(settings.Value.DigestChannel ?? settings.Value.ApprovalChannel, "Slack:DigestChannel");
        await PostMessageAsync(CardTemplates.Bind(CardChannel.Slack, digest).With(("channel", channel)), ct);
    }

    public async Task PostNoticeAsync(ChatNotice notice, CancellationToken ct)
    {
        var channel = notice.Thread?.ConversationId ?? Required(settings.Value.ApprovalChannel, "Slack:ApprovalChannel");
        var mentions = SlackMessages.Mentions(notice.People);
        var text = (mentions.Length > 0 ? mentions + " " : "") + SlackMessages.Escape(notice.Text);
        await PostMessageAsync(new JsonObject { ["channel"] = channel, ["text"] = text }.With(("thread_ts", notice.Thread?.MessageId)), ct);
    }

    /// <summary>chat.postMessage in the channel's turn; a 429 makes later posts to that channel wait as well.</summary>
    internal async Task<JsonObject> PostMessageAsync(JsonObject message, CancellationToken ct)
    {
        var channel = message["channel"]!.GetValue<string>();
        await pacing.WaitTurnAsync(channel, ct);
        try
        {
            return await api.CallAsync("chat.postMessage", message, ct);
        }
        catch (OutboxRetryAfterException throttled)
        {
            pacing.HoldOff(channel, throttled.RetryAfter);
            throw;
        }
    }

    // A missing channel id is a set-up mistake: retrying for hours would not fix it, so it fails visibly at once.
    private static string Required(string? value, string key) =>
        !string.IsNullOrWhiteSpace(value) ? value : throw new OutboxGiveUpException($"{key} is not set, so Slack does not know where to post.");
}
