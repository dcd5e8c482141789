using System.Text.RegularExpressions;

namespace ChatBilling.Core.Conversations;

public enum QuestionKind
{
    Help,
    Overdue,
    Pending,
    Status,
    /// <summary>Not understood; answered with help and the words that were not understood.</summary>
    Unknown,
}

/// <summary>A question for the bot, the same from Slack, Teams and the console.</summary>
/// <param name="Subject">For Status, the invoice number; for Overdue and Pending, an optional client name to narrow by.</param>
public sealed record BotQuestion(QuestionKind Kind, string? Subject = null);

/// <summary>
/// Reads what people type at the bot, forgiving of case, mentions, punctuation and extra words:
/// "@billing what's overdue for acme?", "/billing pending", "status of inv-2026-0001 please".
/// </summary>
public static partial class BotQuestionParser
{
    private static readonly Dictionary<string, QuestionKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["overdue"] = QuestionKind.Overdue, ["late"] = QuestionKind.Overdue, ["unpaid"] = QuestionKind.Overdue,
        ["pending"] = QuestionKind.Pending, ["waiting"] = QuestionKind.Pending, ["approvals"] = QuestionKind.Pending,
        ["status"] = QuestionKind.Status,
        ["help"] = QuestionKind.Help, ["commands"] = QuestionKind.Help,
    };

    // Filler people add around a command; whatever else is left narrows the answer (a client name).
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "what's", "whats", "which", "is", "are", "the", "a", "an", "of", "for", "from", "by", "on", "show", "me", "list",
        "invoice", "invoices", "approval", "approve", "please", "pls", "bills", "any", "anything", "there", "now", "today", "tell", "about", "client", "hi", "hey",
    };

    public static BotQuestion Parse(string? text)
    {
        var words = Words(text ?? "");
        if (words.Count == 0) return new(QuestionKind.Help);
        var keywordAt = words.FindIndex(w => Keywords.ContainsKey(w));
        var number = words.FirstOrDefault(w => InvoiceNumberShape().IsMatch(w));
        if (keywordAt < 0)
            return number is not null ? new(QuestionKind.Status, number.ToUpperInvariant()) : new(QuestionKind.Unknown, string.Join(' ', words));

        var kind = Keywords[words[keywordAt]];
        var rest = words.Where(w => !Keywords.ContainsKey(w) && !Filler.Contains(w)).ToList();
        return kind switch
        {
            QuestionKind.Status when number is not null => new(kind, number.ToUpperInvariant()),
            QuestionKind.Status => new(kind, rest.FirstOrDefault()?.ToUpperInvariant()),
            QuestionKind.Help => new(kind),
            _ => new(kind, rest.Count > 0 ? string.Join(' ', rest) : null),
        };
    }

    private static List<string> Words(string text)
    {
        var plain = Mention().Replace(text, " ");
        plain = Tag().Replace(plain, " ");
        return Separators().Split(plain)
            .Select(w => w.Trim('\'', '"', '.', '-', '_', '/'))
            .Where(w => w.Length > 0 && !w.StartsWith('@'))
            .ToList();
    }

    // Slack mentions (<@U123|name>, <!here>) and Teams mentions (<at>Billing</at>) name the bot, not the question.
    [GeneratedRegex(@"<[@!#][^>]*>|<at>.*?</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[\s,;:!?()\[\]{}]+")]
    private static partial Regex Separators();

    /// <summary>Something that looks like an invoice number: letters, digits and separators with at least one digit.</summary>
    [GeneratedRegex(@"^(?=.*\d)(?=.*[A-Za-z-])[A-Za-z0-9][A-Za-z0-9\-_/.]{2,31}$")]
    private static partial Regex InvoiceNumberShape();
}
