using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBilling.Core.Conversations;

/// <summary>One word of a question: folded for matching (lower case, no accents), and as typed for showing back.</summary>
public sealed record QuestionWord(string Text, string Typed);

/// <summary>
/// Turns what a channel delivers into plain words. Slack escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in message
/// text and wraps mentions and links in angle brackets (<c>&lt;@U123|name&gt;</c>, <c>&lt;https://x|label&gt;</c>), as
/// https://api.slack.com/reference/surfaces/formatting#escaping describes; Teams sends HTML-ish text with the bot's
/// mention as <c>&lt;at&gt;Billing&lt;/at&gt;</c> and <c>&amp;nbsp;</c> after it (learn.microsoft.com, "Channel and group
/// chat conversations with a bot", mentions). Both are undone here, once, for every channel.
/// </summary>
public static partial class QuestionText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var plain = Mention().Replace(text, " ");
        plain = LabelledLink().Replace(plain, "$1");
        plain = BareLink().Replace(plain, "$1");
        plain = Tag().Replace(plain, " ");
        // Decoded after the tags are gone, so an escaped "&lt; 500" stays a comparison instead of becoming a tag.
        plain = WebUtility.HtmlDecode(plain).Replace('\u00A0', ' ');
        return plain.Trim();
    }

    public static List<QuestionWord> Words(string? text) =>
        Token().Matches(Clean(text)).Select(m => new QuestionWord(Fold(m.Value), m.Value)).ToList();

    /// <summary>Lower case without accents: "Łukasiewicz" and "lukasiewicz" fold alike, as do "Müller" and "muller".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            // Letters with a stroke or ligatures have no decomposition: fold them by hand.
            folded.Append(c switch
            {
                'ł' => "l", 'đ' => "d", 'ø' => "o", 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'þ' => "th", 'ı' => "i",
                '’' or '‘' => "'",
                _ => c.ToString(),
            });
        }
        return folded.ToString();
    }

    // Slack user, channel and broadcast mentions (<@U1|name>, <#C1|general>, <!here>) and Teams <at>…</at> name the bot or
    // people, not the question.
    [GeneratedRegex(@"<[@!#][^>]*>|<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex(@"<(?:https?:|mailto:|tel:)[^>|]*\|([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledLink();

    [GeneratedRegex(@"<((?:https?:|mailto:|tel:)[^>|]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex BareLink();

    [GeneratedRegex(@"</?[a-z][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    // A word is letters and digits, joined inside by - _ / . , ' (so "INV-2026-0003", "5,000", "1.5k", "what's" stay one);
    // currency signs and comparison signs are words of their own.
    [GeneratedRegex(@"[€$£¥]|[<>]=?|\+|[\p{L}\p{N}](?:[\p{L}\p{N}\-_/.,'’]*[\p{L}\p{N}])?")]
    private static partial Regex Token();
}
