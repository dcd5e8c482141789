using System.Net;

namespace ChatBilling.Teams.Bot;

/// <summary>
/// The words a person typed, from what Teams sends: in a channel or group chat the text starts with the bot's
/// @mention, e.g. <c>&lt;at&gt;ChatBilling&lt;/at&gt;&amp;nbsp;overdue</c>, and Teams HTML-escapes <c>&amp;</c>,
/// <c>&lt;</c> and <c>&gt;</c>. msteams-docs bots/how-to/conversations/channel-and-group-conversations.md: mentions
/// come in the <c>entities</c> object, "don't rely on the text"; the bot "must also strip out the @mentions".
/// So the mention texts named by the entities are removed (the bot's) or replaced by the name (anyone else's),
/// then entities are decoded, so "overdue" in a channel reads exactly as in a personal chat.
/// </summary>
internal static class MessageText
{
    public static string Clean(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.Entities?.Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase)) ?? [])
        {
            var isBot = mention.Mentioned?.Id is { } id && string.Equals(id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);
            var replacement = isBot ? " " : $" {mention.Mentioned?.Name} ";
            foreach (var tag in Tags(mention))
                text = text.Replace(tag, replacement, StringComparison.OrdinalIgnoreCase);
        }
        var decoded = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The entity's own text, and the plain <c>&lt;at&gt;name&lt;/at&gt;</c> form: the docs' own sample pairs an entity text
    /// <c>&lt;at&gt;@Pranav Smith&lt;/at&gt;</c> with a message text <c>&lt;at&gt;Pranav Smith&lt;/at&gt;</c>.
    /// </summary>
    private static IEnumerable<string> Tags(Entity mention)
    {
        if (!string.IsNullOrEmpty(mention.Text)) yield return mention.Text;
        if (mention.Mentioned?.Name is { Length: > 0 } name)
        {
            yield return $"<at>{name}</at>";
            yield return $"<at>@{name}</at>";
            yield return $"<at>{WebUtility.HtmlEncode(name)}</at>";
        }
    }
}
