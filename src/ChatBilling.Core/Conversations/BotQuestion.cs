using System.Globalization;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Conversations;

public enum QuestionKind
{
    Help,
    /// <summary>Sent, unpaid and past the due date.</summary>
    Overdue,
    /// <summary>Sent and not paid, due or not.</summary>
    Unpaid,
    /// <summary>Waiting for an approval step.</summary>
    Pending,
    /// <summary>Waiting for a step the asker may decide.</summary>
    MyApprovals,
    /// <summary>One invoice: where it is, its steps and its history.</summary>
    Status,
    /// <summary>What a client still owes: its unpaid invoices and their total.</summary>
    Balance,
    /// <summary>Emailed to the client, in a period.</summary>
    Sent,
    /// <summary>Paid in full, in a period.</summary>
    Paid,
    /// <summary>Approved, in a period.</summary>
    Approved,
    /// <summary>Emails given up on.</summary>
    FailedSends,
    /// <summary>Invoices in one status that no other question covers: drafts, rejected, void.</summary>
    InStatus,
    /// <summary>Not understood; answered with a reason and suggestions.</summary>
    Unknown,
}

/// <summary>A bound of an amount filter: "over 10k" is 10,000 exclusive, "at least 10k" inclusive.</summary>
public sealed record AmountBound(decimal Amount, bool Inclusive)
{
    public bool AdmitsFromBelow(decimal value) => Inclusive ? value >= Amount : value > Amount;

    public bool AdmitsFromAbove(decimal value) => Inclusive ? value <= Amount : value < Amount;
}

/// <summary>A span of days, both ends included; either end may be open.</summary>
public sealed record DayRange(DateOnly? From, DateOnly? To)
{
    public bool Contains(DateOnly day) => (From is not { } f || day >= f) && (To is not { } t || day <= t);

    public override string ToString() => $"{From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>What narrows a question; every filter may be combined with every other.</summary>
/// <param name="Client">The client's name as typed ("acme", "lukasiewicz"); matched fuzzily against the clients.</param>
/// <param name="Currency">An ISO 4217 code, named or implied by an amount ("under €500").</param>
/// <param name="Due">Due dates to keep ("due this week", "due before Friday").</param>
/// <param name="OverdueDays">Days past due ("overdue more than 30 days" keeps from 31).</param>
/// <param name="Period">When the thing asked about happened ("sent this week", "paid last month").</param>
/// <param name="PeriodWords">The period as said, for the answer's heading ("this week").</param>
public sealed record QuestionFilters(
    string? Client = null,
    AmountBound? MinAmount = null,
    AmountBound? MaxAmount = null,
    string? Currency = null,
    DayRange? Due = null,
    string? DueWords = null,
    int? OverdueMinDays = null,
    int? OverdueMaxDays = null,
    InvoiceStatus? Status = null,
    DayRange? Period = null,
    string? PeriodWords = null)
{
    public static readonly QuestionFilters None = new();

    public bool IsEmpty => this == None;

    /// <summary>A stable, compact form for tests and logs: "client=acme amount>10000 currency=EUR".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Client is not null) parts.Add($"client={QuestionText.Fold(Client)}");
        if (MinAmount is { } min) parts.Add($"amount>{(min.Inclusive ? "=" : "")}{Invariant(min.Amount)}");
        if (MaxAmount is { } max) parts.Add($"amount<{(max.Inclusive ? "=" : "")}{Invariant(max.Amount)}");
        if (Currency is not null) parts.Add($"currency={Currency}");
        if (Due is { } due) parts.Add($"due={due}");
        if (OverdueMinDays is { } od) parts.Add($"overdue>={od}d");
        if (OverdueMaxDays is { } odMax) parts.Add($"overdue<={odMax}d");
        if (Status is { } status) parts.Add($"status={status}");
        if (Period is { } period) parts.Add($"period={period}");
        return string.Join(' ', parts);
    }

    private static string Invariant(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A question for the bot, the same from Slack, Teams and the console.</summary>
/// <param name="Number">For <see cref="QuestionKind.Status"/>, the invoice number (upper case).</param>
/// <param name="NotUnderstood">Words the grammar could not place (empty when it placed them all).</param>
/// <param name="Suggestions">For <see cref="QuestionKind.Unknown"/>, up to three questions the asker may have meant.</param>
public sealed record BotQuestion(
    QuestionKind Kind,
    QuestionFilters Filters,
    string? Number = null,
    string? NotUnderstood = null,
    IReadOnlyList<string>? Suggestions = null)
{
    public BotQuestion(QuestionKind kind) : this(kind, QuestionFilters.None) { }
}
