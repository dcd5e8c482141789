using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Channels;

/// <summary>The names of the chat channels this host has switched on (e.g. "slack", "teams"); empty with none.</summary>
public sealed class ChatChannels(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;
}

public static class ChatChannelRegistration
{
    /// <summary>The channel-neutral parts: the registry of channels, their outbox handlers, inbound dedup and conversations.</summary>
    public static IServiceCollection AddChatChannels(this IServiceCollection services)
    {
        services.AddSingleton(provider => new ChatChannels(
            provider.GetServices<ChannelName>().Select(n => n.Value).Distinct(StringComparer.Ordinal).ToList()));
        // One pacer for every adapter: lanes are named per platform, so a busy Slack channel never delays Teams.
        services.AddSingleton<ChatPacer>();
        services.AddScoped<ChatOutbox>();
        services.AddScoped<ChatInbox>();
        services.AddBillingJob<InboundEventPruning>(InboundEventPruning.Name, new JobSchedule("30 3 * * *", TimeZoneInfo.Utc));
        services.AddScoped<ChatConversations>();
        services.AddScoped<ChatUsers>();
        services.AddOutboxHandler<ApprovalPostHandler>(ChatOutbox.PostKind);
        services.AddOutboxHandler<ApprovalFollowUpHandler>(ChatOutbox.FollowUpKind, priority: OutboxPriority.Later);
        services.AddOutboxHandler<ApprovalUpdateHandler>(ChatOutbox.UpdateKind, priority: OutboxPriority.Feedback);
        services.AddOutboxHandler<ChatDigestHandler>(ChatOutbox.DigestKind);
        services.AddOutboxHandler<ChatNoticeHandler>(ChatOutbox.NoticeKind);
        return services;
    }

    /// <summary>Switches a chat channel on: the core will post approval cards, updates, notices and digests to it.</summary>
    public static IServiceCollection AddChatChannel<TChannel>(this IServiceCollection services, string name)
        where TChannel : class, IChatChannel
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddSingleton(new ChannelName(name));
        services.AddKeyedScoped<IChatChannel, TChannel>(name);
        return services;
    }

    internal sealed record ChannelName(string Value);
}
