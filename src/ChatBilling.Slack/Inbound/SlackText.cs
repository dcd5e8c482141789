using System.Text.RegularExpressions;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Turns text as Slack delivers it back into what the person typed, before it reaches the conversation code.
/// Slack escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> and wraps links, mentions and channel names in angle
/// brackets: <c>&lt;http://shop.io|shop.io&gt;</c>, <c>&lt;mailto:a@b.io|a@b.io&gt;</c>, <c>&lt;@U123&gt;</c>,
/// <c>&lt;#C123|general&gt;</c>, <c>&lt;!here&gt;</c> (docs.slack.dev/messaging/formatting-message-text, "Escaping
/// text" and "Linking to URLs"/"Mentioning users"/"Linking to channels").
/// </summary>
public static partial class SlackText
{
    public static string Decode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // The angle-bracket forms first: their labels may themselves hold escaped characters.
        var plain = Bracketed().Replace(text, m => Readable(m.Groups["target"].Value, m.Groups["label"]));
        // &amp; last, so a typed "&lt;" (sent as "&amp;lt;") stays "&lt;".
        return plain.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    /// <summary>
    /// An <c>app_mention</c>'s text starts with the mention of the bot itself (<c>&lt;@U0BOT&gt; pending</c>,
    /// https://api.slack.com/events/app_mention): that names who is asked, not what, so it goes before decoding.
    /// </summary>
    public static string DecodeMention(string? text) => Decode(LeadingMentions().Replace(text ?? "", ""));

    [GeneratedRegex(@"^\s*(?:<@[A-Z0-9]+(?:\|[^<>]*)?>[\s,:]*)+")]
    private static partial Regex LeadingMentions();

    private static string Readable(string target, Group label) => target[0] switch
    {
        // A user or a channel: "@name"/"#name" when Slack gave the label, else the id, so the parser still sees a mention.
        '@' => "@" + (label.Success ? label.Value.TrimStart('@') : target[1..]),
        '#' => "#" + (label.Success ? label.Value : target[1..]),
        // <!here>, <!channel>, <!subteam^S123|@team>, <!date^…|fallback>: the label when there is one.
        '!' => label.Success ? label.Value : "@" + target[1..],
        // A link: what the person saw (the label), else the address without a mailto: prefix.
        _ => label.Success ? label.Value : target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? target[7..] : target,
    };

    [GeneratedRegex(@"<(?<target>[^<>|]+)(?:\|(?<label>[^<>]*))?>")]
    private static partial Regex Bracketed();
}
