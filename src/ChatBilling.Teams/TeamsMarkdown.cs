using System.Text;

namespace ChatBilling.Teams;

/// <summary>
/// Makes text literal inside Adaptive Card markdown (TextBlock text, facts), so a client named
/// <c>Acme **URGENT** [verify](https://evil.example)</c> shows those characters instead of bold text and a link.
/// CommonMark's backslash escapes (https://spec.commonmark.org/0.31.2/#backslash-escapes) are what Teams honours
/// (web and desktop; iOS since microsoft/Teams-AdaptiveCards-Mobile#83). Slack's mrkdwn has its own escaping
/// (the <c>mrkdwn()</c> binding function).
/// </summary>
public static class TeamsMarkdown
{
    // Emphasis, links, code, strike-through: markup anywhere in a line.
    private const string Inline = "\\*_[]()`~";
    // Headings, quotes and list bullets: markup only at the start of a line.
    private const string LineStart = "#>-+";

    public static string Escape(string text)
    {
        if (text.Length == 0) return text;
        var result = new StringBuilder(text.Length + 8);
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Inline.Contains(c) || (atLineStart && LineStart.Contains(c))) result.Append('\\');
            // "1. " starts a numbered list: escape the dot after a line's leading digits.
            else if (c == '.' && OnlyDigitsBefore(text, i)) result.Append('\\');
            result.Append(c);
            if (c == '\n') atLineStart = true;
            else if (!char.IsWhiteSpace(c)) atLineStart = false;
        }
        return result.ToString();
    }

    private static bool OnlyDigitsBefore(string text, int dot)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, dot - 1)) + 1;
        var line = text.AsSpan(start, dot - start).TrimStart();
        if (line.Length == 0) return false;
        foreach (var ch in line) if (!char.IsAsciiDigit(ch)) return false;
        return true;
    }
}
