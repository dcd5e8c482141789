using ChatBilling.Core.Conversations;

namespace ChatBilling.Tests.Approvals;

public class BotQuestionParserTests
{
    [Theory]
    [InlineData("overdue", QuestionKind.Overdue, null)]
    [InlineData("OVERDUE", QuestionKind.Overdue, null)]
    [InlineData("<@U0BOT> what's overdue?", QuestionKind.Overdue, null)]
    [InlineData("<at>Billing</at> overdue invoices for Acme GmbH please", QuestionKind.Overdue, "Acme GmbH")]
    [InlineData("which invoices are late", QuestionKind.Overdue, null)]
    [InlineData("pending", QuestionKind.Pending, null)]
    [InlineData("what is waiting for approval", QuestionKind.Pending, null)]
    [InlineData("  Pending   approvals ", QuestionKind.Pending, null)]
    [InlineData("status INV-2026-0001", QuestionKind.Status, "INV-2026-0001")]
    [InlineData("Status of inv-2026-0001?", QuestionKind.Status, "INV-2026-0001")]
    [InlineData("<@U0BOT|billing> inv-2026-0042", QuestionKind.Status, "INV-2026-0042")]
    [InlineData("status", QuestionKind.Status, null)]
    [InlineData("help", QuestionKind.Help, null)]
    [InlineData("", QuestionKind.Help, null)]
    [InlineData("<at>Billing</at>", QuestionKind.Help, null)]
    [InlineData("make me a sandwich", QuestionKind.Unknown, "make me a sandwich")]
    public void Questions_are_understood_whatever_the_wrapping(string text, QuestionKind kind, string? subject)
    {
        var question = BotQuestionParser.Parse(text);
        Assert.Equal(kind, question.Kind);
        Assert.Equal(subject, question.Subject);
    }
}
