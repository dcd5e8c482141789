using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Conversations;

internal enum SignalType { Kind, Mine, Filler, Status, Currency }

/// <summary>What a word or phrase means to the grammar. Strong kinds (2) decide the question; weak ones (1) only break ties.</summary>
internal sealed record Signal(SignalType Type, QuestionKind Kind = QuestionKind.Unknown, int Strength = 0, InvoiceStatus? Status = null, string? Currency = null);

/// <summary>
/// The dictionary of the grammar: every word and phrase it knows, and what each means. README.md lists the same
/// words for people; keep the two together.
/// </summary>
internal static class Vocabulary
{
    private static readonly Signal Filler = new(SignalType.Filler);
    private static readonly Signal Mine = new(SignalType.Mine);

    private static Signal Kind(QuestionKind kind, int strength = 2) => new(SignalType.Kind, kind, strength);

    private static Signal Status(InvoiceStatus status) => new(SignalType.Status, Status: status);

    private static Signal Money(string code) => new(SignalType.Currency, Currency: code);

    private static readonly (string Phrase, Signal Signal)[] Entries =
    [
        // Longer phrases first within a meaning only for reading; matching always prefers the longest phrase.
        .. Many(Kind(QuestionKind.Overdue), "overdue", "late", "past due", "past-due", "delinquent", "behind on payment", "in arrears", "arrears"),
        .. Many(Kind(QuestionKind.Unpaid), "unpaid", "outstanding", "open", "not paid", "not yet paid", "not been paid", "haven't paid",
            "hasn't paid", "havent paid", "hasnt paid", "unsettled", "receivable", "receivables", "awaiting payment", "waiting for payment",
            "waiting on payment", "still owed"),
        .. Many(Kind(QuestionKind.Pending), "pending", "waiting", "awaiting", "approval", "approvals", "approve", "to approve",
            "needs approval", "need approval", "unapproved", "to be approved", "sign off", "sign-off", "queue"),
        .. Many(Kind(QuestionKind.Status, 1), "status", "state", "where is", "where's", "wheres", "what happened to", "track",
            "history", "who approved", "who needs to approve", "who must approve", "who has to approve", "who can approve", "steps",
            "who decides", "details"),
        .. Many(Kind(QuestionKind.Balance), "owe", "owes", "owed", "owing", "balance", "balances", "account balance"),
        .. Many(Kind(QuestionKind.Balance, 1), "how much"),
        .. Many(Kind(QuestionKind.Sent), "sent", "emailed", "sent out", "went out", "mailed", "delivered", "issued"),
        .. Many(Kind(QuestionKind.Paid), "paid", "got paid", "payments", "payment", "received", "collected", "settled", "cleared", "paid off"),
        .. Many(Kind(QuestionKind.Approved), "approved", "signed off", "okayed", "accepted"),
        .. Many(Kind(QuestionKind.FailedSends), "failed", "failures", "failure", "failed sends", "failed send", "bounced", "bounces",
            "undelivered", "not delivered", "errors", "error", "stuck", "send failures"),
        .. Many(Kind(QuestionKind.Help), "help", "commands", "what can you do", "what do you know", "how does this work", "usage", "menu", "options"),
        .. Many(Status(InvoiceStatus.Draft), "draft", "drafts"),
        .. Many(Status(InvoiceStatus.Rejected), "rejected", "declined", "refused"),
        .. Many(Status(InvoiceStatus.Void), "void", "voided", "cancelled", "canceled"),
        .. Many(Mine, "my", "me", "mine", "i", "myself", "i'm", "im", "i've"),
        .. Many(Money("EUR"), "eur", "euro", "euros", "€"),
        .. Many(Money("USD"), "usd", "dollar", "dollars", "bucks", "$", "us$"),
        .. Many(Money("GBP"), "gbp", "pound", "pounds", "sterling", "quid", "£"),
        .. Many(Money("CHF"), "chf", "franc", "francs"),
        .. Many(Money("PLN"), "pln", "zloty", "zlotys", "zlote", "zl"),
        .. Many(Money("JPY"), "jpy", "yen", "¥"),
        .. Many(Money("SEK"), "sek", "krona", "kronor"),
        .. Many(Money("NOK"), "nok"), .. Many(Money("DKK"), "dkk"), .. Many(Money("CAD"), "cad"), .. Many(Money("AUD"), "aud"),
        .. Many(Money("CZK"), "czk"), .. Many(Money("HUF"), "huf"), .. Many(Money("NZD"), "nzd"), .. Many(Money("INR"), "inr"),
        // "show me" and friends are filler, so that "me" alone can mean the asker.
        .. Many(Filler, "show me", "tell me", "give me", "send me", "get me", "let me see", "let me know", "can you show me", "remind me",
            "what", "what's", "whats", "what is", "what are", "which", "which ones", "who", "whose", "is", "are", "was", "were", "be",
            "been", "the", "a", "an", "of", "for", "from", "by", "on", "in", "at", "to", "with", "and", "or", "any", "anything", "all",
            "show", "list", "display", "see", "find", "get", "give", "tell", "please", "pls", "plz", "thanks", "thank you", "thx",
            "invoice", "invoices", "inv", "bill", "bills", "billing", "client", "clients", "customer", "customers", "there", "now",
            "right now", "currently", "still", "yet", "so far", "do", "does", "did", "we", "us", "our", "you", "your", "have", "has",
            "had", "can", "could", "would", "will", "should", "need", "needs", "hi", "hey", "hello", "ok", "okay", "many", "much",
            "how", "many of", "number", "count", "total", "totals", "sum", "amount", "amounts", "money", "just", "only", "some",
            "ones", "one", "that", "this", "these", "those", "it", "its", "it's", "they", "them", "their", "up", "out", "about",
            "overview", "summary", "report", "quick", "new", "current", "bot", "billing bot", "them all", "everything", "items",
            "stuff", "lately", "recently", "need to", "email", "emails", "mail", "mails", "send", "sends", "sending", "has to", "have to", "must", "go", "gone", "got", "be sent"),
    ];

    private static IEnumerable<(string, Signal)> Many(Signal signal, params string[] phrases) => phrases.Select(p => (p, signal));

    /// <summary>Phrases by their first word, longest first, so "past due" wins over a lone "past".</summary>
    private static readonly Dictionary<string, (string[] Words, Signal Signal)[]> ByFirstWord = Entries
        .Select(e => (Words: e.Phrase.Split(' '), e.Signal))
        .GroupBy(e => e.Words[0])
        .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray());

    /// <summary>Single words that carry meaning (not filler, not currencies), the ones a typo may stand for.</summary>
    private static readonly (string Word, Signal Signal)[] Meaningful = Entries
        .Where(e => !e.Phrase.Contains(' ') && e.Signal.Type is SignalType.Kind or SignalType.Status)
        .Select(e => (e.Phrase, e.Signal)).ToArray();

    /// <summary>The longest phrase starting at <paramref name="at"/>, matched exactly.</summary>
    public static (Signal Signal, int Used)? Match(IReadOnlyList<QuestionWord> words, int at)
    {
        if (!ByFirstWord.TryGetValue(words[at].Text, out var candidates)) return null;
        foreach (var (phrase, signal) in candidates)
        {
            if (at + phrase.Length > words.Count) continue;
            var all = true;
            for (var k = 1; k < phrase.Length && all; k++) all = words[at + k].Text == phrase[k];
            if (all) return (signal, phrase.Length);
        }
        return null;
    }

    public static bool IsKnownWord(string word) => ByFirstWord.ContainsKey(word);

    /// <summary>A meaningful word the typed one is probably a typo of ("ovredue" → "overdue"), or null.</summary>
    public static (string Word, Signal Signal)? Typo(string typed)
    {
        if (typed.Length < 4 || typed.Any(char.IsDigit)) return null;
        return Meaningful.Where(m => Fuzzy.IsTypoOf(typed, m.Word))
            .OrderBy(m => Fuzzy.Distance(typed, m.Word)).Select(m => ((string, Signal)?)m).FirstOrDefault();
    }

    /// <summary>The known meaningful word closest to a typed one, within three edits: material for "did you mean".</summary>
    public static string? Closest(string typed) => typed.Length < 3 ? null : Meaningful
        .Select(m => (m.Word, Distance: Fuzzy.Distance(typed, m.Word, 3)))
        .Where(m => m.Distance <= Math.Min(3, Math.Max(1, m.Word.Length / 2)))
        .OrderBy(m => m.Distance).Select(m => m.Word).FirstOrDefault();
}
