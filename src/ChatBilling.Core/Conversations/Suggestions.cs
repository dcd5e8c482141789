namespace ChatBilling.Core.Conversations;

/// <summary>How each kind of question is best typed, for "did you mean" lines and the help card.</summary>
public static class Suggestions
{
    public static readonly IReadOnlyList<string> Defaults = ["overdue", "pending over 10k", "my approvals"];

    public static string Phrase(QuestionKind kind) => kind switch
    {
        QuestionKind.Overdue => "overdue",
        QuestionKind.Unpaid => "unpaid",
        QuestionKind.Pending => "pending",
        QuestionKind.MyApprovals => "my approvals",
        QuestionKind.Balance => "balance",
        QuestionKind.Sent => "sent",
        QuestionKind.Paid => "paid",
        QuestionKind.Approved => "approved",
        QuestionKind.FailedSends => "failed sends",
        QuestionKind.InStatus => "drafts",
        QuestionKind.Status => "status",
        _ => "help",
    };
}
