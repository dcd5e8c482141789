namespace ChatBilling.Core.Conversations;

/// <summary>
/// Who asks, as the channel proved it: the console's signed-in email, the approver linked to a Slack user or Teams
/// AAD object. Needed for "my approvals"; everything else answers without it.
/// </summary>
/// <param name="Locale">BCP 47 culture for amounts and dates ("de-DE"); English (en-GB) when unset or unknown.</param>
public sealed record BotAsker(string? Email, string? DisplayName, string? Locale = null);
