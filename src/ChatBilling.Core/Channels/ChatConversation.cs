namespace ChatBilling.Core.Channels;

/// <summary>
/// A conversation the bot was added to (Teams sends <c>conversationUpdate</c> on installation): where proactive
/// messages can go. <see cref="Endpoint"/> is the platform's address for it (the Bot Framework service URL).
/// </summary>
public sealed class ChatConversation
{
    public long Id { get; private set; }
    public required string Channel { get; init; }
    public required string ConversationId { get; init; }
    public string? Endpoint { get; set; }
    /// <summary>The platform's own scope name: channel, personal, groupChat.</summary>
    public string? Scope { get; set; }
    public string? Name { get; set; }
    /// <summary>The team or workspace it belongs to, when the platform says.</summary>
    public string? TeamId { get; set; }
    /// <summary>The organisation (Entra tenant) the conversation belongs to, when the platform says; posts go only to allowed ones.</summary>
    public string? TenantId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the bot was removed; kept so the history of where cards went stays readable.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
