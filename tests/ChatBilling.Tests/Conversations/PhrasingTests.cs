using System.Net;
using ChatBilling.Core.Conversations;

namespace ChatBilling.Tests.Conversations;

public class PhrasingTests
{
    /// <summary>Each row of the table as typed in the console, as a Slack mention and as a Teams channel message.</summary>
    public static TheoryData<string, string, QuestionKind, string, string?> Phrasings()
    {
        var data = new TheoryData<string, string, QuestionKind, string, string?>();
        foreach (var (text, kind, filters, number) in PhrasingTable.Rows)
        {
            data.Add("console", text, kind, filters, number);
            // Slack escapes &, < and > and puts the bot's mention first (api.slack.com/reference/surfaces/formatting#escaping).
            data.Add("slack", $"<@U0BOT> {Escape(text)}", kind, filters, number);
            // Teams sends the mention as <at>…</at> followed by a non-breaking space, and HTML-encodes the rest.
            data.Add("teams", $"<at>Billing</at>&nbsp;{Escape(text)}", kind, filters, number);
        }
        return data;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text).Replace("&#39;", "'").Replace("&quot;", "\"");

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Every_phrasing_is_read_as_the_question_and_filters_meant(string channel, string text, QuestionKind kind, string filters, string? number)
    {
        var question = BotQuestionParser.Parse(text, PhrasingTable.Today);

        Assert.True((kind, filters, number) == (question.Kind, question.Filters.Describe(), question.Number),
            $"{channel} \"{text}\": expected {kind} [{filters}] {number}, read {question.Kind} [{question.Filters.Describe()}] {question.Number}");
    }

    [Fact]
    public void The_table_holds_at_least_150_phrasings()
    {
        Assert.True(Phrasings().Count() >= 150);
        Assert.True(PhrasingTable.Rows.Length >= 150, $"{PhrasingTable.Rows.Length} distinct phrasings");
    }

    [Theory]
    [InlineData("status <https://billing.example.com/i/abc|INV-2026-0001>", "INV-2026-0001")]
    [InlineData("<@U0BOT|billing> inv-2026-0042", "INV-2026-0042")]
    [InlineData("<!here> status INV-2026-0005", "INV-2026-0005")]
    public void Slack_links_and_mentions_are_unwrapped(string text, string number)
    {
        var question = BotQuestionParser.Parse(text, PhrasingTable.Today);
        Assert.Equal((QuestionKind.Status, number), (question.Kind, question.Number));
    }

    [Theory]
    [InlineData("pending 10k", "pending over 10k")]
    [InlineData("pending ovr 10k", "pending over 10k")]
    [InlineData("ovrdu", "overdue")]
    [InlineData("over 10k", "overdue over 10k")]
    public void Questions_not_understood_carry_suggestions_the_grammar_reads(string text, string suggestion)
    {
        var question = BotQuestionParser.Parse(text, PhrasingTable.Today);

        Assert.Equal(QuestionKind.Unknown, question.Kind);
        Assert.Contains(suggestion, question.Suggestions!);
        Assert.InRange(question.Suggestions!.Count, 1, 3);
        Assert.All(question.Suggestions!, s => Assert.NotEqual(QuestionKind.Unknown, BotQuestionParser.Parse(s, PhrasingTable.Today).Kind));
    }

    [Theory]
    [InlineData("10k", 10_000)]
    [InlineData("1.5m", 1_500_000)]
    [InlineData("5,000", 5_000)]
    [InlineData("5.000", 5_000)]
    [InlineData("1,234.56", 1_234.56)]
    [InlineData("1.234,56", 1_234.56)]
    [InlineData("10'000", 10_000)]
    [InlineData("2,5k", 2_500)]
    [InlineData("0.5", 0.5)]
    public void Amounts_read_with_suffixes_and_either_separator(string word, decimal amount) =>
        Assert.Equal(amount, AmountWords.Number(word));
}
