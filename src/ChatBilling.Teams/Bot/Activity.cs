using System.Text.Json;

namespace ChatBilling.Teams.Bot;

/// <summary>The parts of a Bot Framework activity this bot reads (the protocol's own names, camelCase on the wire).</summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Text { get; init; }
    /// <summary>The sender's locale, e.g. "en-US" (Bot Framework Activity schema, "locale").</summary>
    public string? Locale { get; init; }
    public string? Action { get; init; }
    public string? ReplyToId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public JsonElement? Value { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }

    /// <summary>
    /// The tenant the activity comes from: <c>channelData.tenant.id</c>, which Teams puts on every activity, else
    /// <c>conversation.tenantId</c> (msteams-docs bots/how-to/get-teams-context.md shows both).
    /// </summary>
    public string? TenantId => ChannelData?.Tenant?.Id is { Length: > 0 } id ? id : Conversation?.TenantId;
}

/// <summary>An entry of <c>entities</c>; Teams sends a <c>mention</c> for every @mention in the text.</summary>
internal sealed record Entity(string? Type, string? Text, ChannelAccount? Mentioned);

internal sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId);

internal sealed record ConversationAccount(string? Id, string? Name, string? ConversationType, string? TenantId);

internal sealed record TeamsChannelData(TeamsRef? Team, TeamsRef? Channel, string? EventType, TeamsRef? Tenant);

internal sealed record TeamsRef(string? Id, string? Name);

/// <summary>What a card button sends: the verb (Action.Submit puts it in the data), the invoice and version, a reason, and the
/// inputs of "Ask a question…" and "Reassign…" (Teams merges a card's input values into the action's data).</summary>
internal sealed record CardActionValue(string? Verb, Guid? InvoiceId, string? CardVersion, string? Reason, string? Question = null,
    string? ReassignTo = null, string? Note = null)
{
    public static CardActionValue? From(JsonElement? value, bool invoke)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v) return null;
        // An Action.Execute invoke nests { verb, data } under "action"; an Action.Submit message carries the data itself.
        if (invoke && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object)
        {
            var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            return new(Str(action, "verb"), Id(data), Str(data, "cardVersion"), Str(data, "reason"), Str(data, "question"),
                Str(data, "reassignTo"), Str(data, "note"));
        }
        return new(Str(v, "verb"), Id(v), Str(v, "cardVersion"), Str(v, "reason"), Str(v, "question"), Str(v, "reassignTo"), Str(v, "note"));
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static Guid? Id(JsonElement e) => Guid.TryParse(Str(e, "invoiceId"), out var id) ? id : null;
}
