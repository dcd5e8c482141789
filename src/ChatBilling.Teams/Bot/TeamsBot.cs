using System.Text.Json.Nodes;
using ChatBilling.Core.Channels;
using ChatBilling.Core.People;
using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Teams.Bot;

/// <summary>The answer to an inbound activity: an invoke response body, or nothing beyond 200.</summary>
internal sealed record BotReply(JsonObject? InvokeResponse);

/// <summary>
/// Handles authenticated activities from Teams: card clicks (invokes and the Action.Submit fallback), questions
/// typed at the bot, and the bot being added to or removed from a conversation. Activities are handled once by
/// their id; a redelivery is acknowledged and ignored.
/// </summary>
internal sealed class TeamsBot(
    CardDecisions decisions, AskGate answers, PeopleDirectory people, ChatInbox inbox, ChatConversations conversations, ChatUsers users, TeamsReplies replies,
    Core.Delegation.DelegationCommand delegation, Core.Approvals.ApproverDirectory approvers, KnownTeamsUsers known, ILogger<TeamsBot> log)
{
    private const string Channel = TeamsServiceUrls.Channel;

    public async Task<BotReply> HandleAsync(Activity activity, CancellationToken ct)
    {
        await LearnUserIdAsync(activity, ct);
        switch (activity.Type)
        {
            case "invoke" when activity.Name == "adaptiveCard/action":
                return new(await CardActionAsync(activity, ct));
            case "message" when await FirstAsync(activity, ct):
                await MessageAsync(activity, ct);
                break;
            case "conversationUpdate" or "installationUpdate" when await FirstAsync(activity, ct):
                await MembershipAsync(activity, ct);
                break;
        }
        return new(null);
    }

    /// <summary>Activity ids are unique within a conversation; the pair is the key (long pairs are hashed by the inbox).</summary>
    private async Task<bool> FirstAsync(Activity activity, CancellationToken ct) =>
        string.IsNullOrEmpty(activity.Id) || await inbox.FirstDeliveryAsync(Channel, $"{activity.Conversation?.Id}|{activity.Id}", ct);

    /// <summary>Universal Actions: the answer is the card the clicker sees next, shown at once in place of the old one.</summary>
    private async Task<JsonObject> CardActionAsync(Activity activity, CancellationToken ct)
    {
        var action = CardActionValue.From(activity.Value, invoke: true);
        var key = string.IsNullOrEmpty(activity.Id) ? null : $"{activity.Conversation?.Id}|{activity.Id}";
        var answer = action is null ? null : await decisions.HandleAsync(action, activity.From, ct, key);
        var card = answer?.Card ?? TeamsCards.Note("This button is not one I know.");
        return new JsonObject { ["statusCode"] = 200, ["type"] = TeamsCards.ContentType, ["value"] = card };
    }

    private async Task MessageAsync(Activity activity, CancellationToken ct)
    {
        // Older clients send Action.Submit: a message whose value is the button's data.
        if (CardActionValue.From(activity.Value, invoke: false) is { Verb: not null } submit)
        {
            var answer = await decisions.HandleAsync(submit, activity.From, ct);
            if (answer is not null) await ReplyAsync(activity, ConnectorClient.Message(text: answer.Message, card: answer.Card), ct);
            return;
        }
        var text = MessageText.Clean(activity);
        // "delegate Sam Second until 2026-12-24": an @mention of the colleague arrives as their name (MessageText).
        if (Core.Delegation.DelegationCommand.Matches(text))
        {
            var said = await delegation.RunAsync(approvers.ByIdentity(TeamsServiceUrls.Channel, activity.From?.AadObjectId), text, Channel, ct);
            await ReplyAsync(activity, ConnectorClient.Message(text: said), ct);
            return;
        }
        // Only known people (by the AAD object id Teams puts on the sender) are told anything, in a channel or a chat.
        var gated = await answers.AnswerAsync(people.ByIdentity(TeamsServiceUrls.Channel, activity.From?.AadObjectId), text, activity.Locale, ct);
        if (gated.Answer is not { } reply)
        {
            await ReplyAsync(activity, ConnectorClient.Message(text: gated.Refusal), ct);
            return;
        }
        await ReplyAsync(activity, ConnectorClient.Message(text: reply.Text, card: TeamsDialect.Cards.Bind(reply.TemplateName, reply.Card)), ct);
    }

    private Task ReplyAsync(Activity activity, JsonObject reply, CancellationToken ct) => replies.SendAsync(activity, reply, ct);

    /// <summary>
    /// The person's Teams id (<c>29:…</c>, the <c>from.id</c> of any activity they cause), by their AAD object id, for
    /// the <c>refresh.userIds</c> of the cards they may decide (see <see cref="TeamsCards.BindAsync"/>).
    /// </summary>
    private async Task LearnUserIdAsync(Activity activity, CancellationToken ct)
    {
        if (activity.From is not { Id: { Length: > 0 } id, AadObjectId: { Length: > 0 } aad } || !id.StartsWith("29:", StringComparison.Ordinal)
            || known.AlreadyStored(aad, id)) return;
        await users.RememberAsync(Channel, aad, id, ct);
        known.Stored(aad, id);
    }

    /// <summary>
    /// Installed into a team, chat or personal scope: remember where, and in which tenant; removed: forget it.
    /// <c>installationUpdate</c> comes with <c>action</c> <c>add</c> or <c>remove</c>, and <c>add-upgrade</c> or
    /// <c>remove-upgrade</c> when the app is updated to or from a version with a bot; botbuilder-dotnet
    /// <c>libraries/Microsoft.Bot.Builder/ActivityHandler.cs</c> routes each pair to the same handler, and so do we.
    /// </summary>
    private async Task MembershipAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Conversation?.Id is not { } conversationId) return;
        var botId = activity.Recipient?.Id;
        var added = activity.Action is "add" or "add-upgrade" || (activity.MembersAdded?.Any(m => m.Id == botId) ?? false);
        var removed = activity.Action is "remove" or "remove-upgrade" || (activity.MembersRemoved?.Any(m => m.Id == botId) ?? false);
        if (removed)
        {
            await conversations.ForgetAsync(Channel, conversationId, ct);
            log.LogInformation("Teams removed the bot from {Conversation}.", conversationId);
        }
        else if (added)
        {
            var team = activity.ChannelData?.Team;
            await conversations.RememberAsync(Channel, conversationId, activity.ServiceUrl,
                activity.Conversation.ConversationType ?? (team is null ? null : "channel"),
                team?.Name ?? activity.Conversation.Name, team?.Id, ct, activity.TenantId);
            log.LogInformation("Teams added the bot to {Conversation}.", conversationId);
        }
    }
}
