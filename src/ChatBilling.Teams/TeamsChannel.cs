using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;
using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams;

/// <summary>Microsoft Teams as a chat channel: proactive approval cards, in-place updates, thread notices, the digest.</summary>
internal sealed class TeamsChannel(
    ConnectorClient connector, TeamsServiceUrls serviceUrls, TeamsCards cards, IOptionsMonitor<TeamsSettings> settings)
    : IChatChannel
{
    public async Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct)
    {
        var channelId = settings.CurrentValue.ApprovalChannelId is { Length: > 0 } id
            ? id : throw new InvalidOperationException("Teams:ApprovalChannelId is not set: nowhere to post approval cards.");
        await serviceUrls.EnsureAllowedAsync(channelId, ct);
        var card = await cards.BindAsync(approval.Card, approval.DecidableBy, ct);
        var posted = await connector.CreateChannelPostAsync(await serviceUrls.ResolveAsync(ct), channelId,
            ConnectorClient.Message(card: card), settings.CurrentValue.TenantId, ct);
        return new ChatMessageRef(posted.Id, posted.ActivityId ?? MessageIdOf(posted.Id));
    }

    public async Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct) =>
        await connector.UpdateAsync(await serviceUrls.ResolveAsync(ct), posted.ConversationId, posted.MessageId,
            ConnectorClient.Message(card: await cards.BindAsync(approval.Card, approval.DecidableBy, ct)), ct);

    public async Task PostDigestAsync(DigestCard digest, CancellationToken ct)
    {
        var s = settings.CurrentValue;
        var channelId = s.DigestChannelId is { Length: > 0 } d ? d
            : s.ApprovalChannelId is { Length: > 0 } a ? a
            : throw new InvalidOperationException("Neither Teams:DigestChannelId nor Teams:ApprovalChannelId is set: nowhere to post the digest.");
        await serviceUrls.EnsureAllowedAsync(channelId, ct);
        await connector.CreateChannelPostAsync(await serviceUrls.ResolveAsync(ct), channelId,
            ConnectorClient.Message(card: TeamsDialect.Cards.Bind(digest)), s.TenantId, ct);
    }

    public async Task PostNoticeAsync(ChatNotice notice, CancellationToken ct)
    {
        var (text, mentions) = Mentions(notice);
        var activity = ConnectorClient.Message(text: text, entities: mentions);
        var serviceUrl = await serviceUrls.ResolveAsync(ct);
        if (notice.Thread is { } thread)
        {
            await connector.ReplyAsync(serviceUrl, thread.ConversationId, thread.MessageId, activity, ct);
            return;
        }
        var channelId = settings.CurrentValue.ApprovalChannelId is { Length: > 0 } id
            ? id : throw new InvalidOperationException("Teams:ApprovalChannelId is not set: nowhere to post the notice.");
        await serviceUrls.EnsureAllowedAsync(channelId, ct);
        await connector.CreateChannelPostAsync(serviceUrl, channelId, activity, settings.CurrentValue.TenantId, ct);
    }

    /// <summary>The notice text with an @mention of every person Teams knows, so they are notified.</summary>
    private static (string Text, JsonArray Entities) Mentions(ChatNotice notice)
    {
        var entities = new JsonArray();
        var names = new List<string>();
        foreach (var person in notice.People.Where(p => p.IdentityOn(TeamsServiceUrls.Channel) is not null))
        {
            var tag = $"<at>{System.Net.WebUtility.HtmlEncode(person.Name)}</at>";
            names.Add(tag);
            entities.Add(new JsonObject
            {
                ["type"] = "mention", ["text"] = tag,
                ["mentioned"] = new JsonObject { ["id"] = person.IdentityOn(TeamsServiceUrls.Channel), ["name"] = person.Name },
            });
        }
        var text = names.Count == 0 ? notice.Text : $"{string.Join(" ", names)} {notice.Text}";
        return (text, entities);
    }

    /// <summary>A channel post's conversation id ends in <c>;messageid=&lt;id&gt;</c>; used when the connector names no activity id.</summary>
    private static string MessageIdOf(string conversationId) =>
        conversationId.Split(";messageid=", 2) is [_, var id] ? id : throw new InvalidOperationException("The connector answered no activity id.");
}
