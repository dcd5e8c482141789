using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Outbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Cards;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Slack.SlackHarness;
using ChatBilling.Slack;

namespace ChatBilling.Tests.Slack;

/// <summary>Messages stay within what Slack accepts, checked by the fake that refuses what Slack refuses.</summary>
public sealed class SlackBudgetTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new(configure: app => app.With("PublicBaseUrl", "https://billing.example.com"));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    /// <summary>Every list full, every name and reason as long as anything lets it be, and Slack's three special characters throughout.</summary>
    private static DigestCard LargestDigest()
    {
        var name = string.Concat(Enumerable.Repeat("Smith & Jones <Holdings> ", 8));
        var reason = string.Concat(Enumerable.Repeat("550 <mailbox@example.com> rejected & bounced; ", 60));
        var overdue = Enumerable.Range(1, 40).Select(i => new OverdueItem($"INV-2026-{i:D4}", name, "EUR 1,234,567.89", "1 November 2026", $"{i} days")).ToList();
        return new DigestCard(
            "Monday, 23 November 2026", "Nothing to act on.",
            CardList.Of(Enumerable.Range(1, 40).Select(i => new FailedSendItem($"INV-2026-{i:D4}", name, reason))),
            CardList.Of(Enumerable.Range(1, 40).Select(i => new PendingItem($"INV-2026-{i:D4}", name, "EUR 99,999.00", "Step 2 of 2 · finance", name, "3 days"))),
            [
                new("1–30 days", CardList.Of(overdue)), new("31–60 days", CardList.Of(overdue)),
                new("61–90 days", CardList.Of(overdue)), new("over 90 days", CardList.Of(overdue)),
            ],
            12,
            Enumerable.Range(0, 10).Select(i => new CurrencyTotal($"C{i}", $"C{i} 123,456,789.00")).ToList(),
            CardList.Of(Enumerable.Range(1, 40).Select(i => new PaymentExceptionItem($"REF-{i}-{name}", $"INV-2026-{i:D4}", "EUR 10.00", reason))),
            new DigestNumbers("last 30 days", Enumerable.Range(0, 10).Select(i => new DigestFact($"Fact {i} & <more>", "median 3 d · p90 8 d")).ToList()),
            "Reconciliation: 40 open exceptions & <unmatched> payments.");
    }

    [Fact]
    public async Task The_largest_digest_is_cut_to_Slacks_limits_with_and_N_more_and_a_link()
    {
        var digest = LargestDigest();
        // As bound, Slack would refuse it: the fake says so.
        var raw = SlackDialect.Cards.Bind(digest);
        raw["channel"] = DigestChannel;
        Assert.NotNull(FakeSlackBlocks.Refusal(raw, _ => true, refuseSlackFiles: false));

        await using (var scope = slack.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SlackChannel>().PostDigestAsync(digest, CancellationToken.None);

        var sent = Assert.Single(slack.Slack.Of("chat.postMessage")).Args;
        Assert.Null(FakeSlackBlocks.Refusal(sent, _ => true, refuseSlackFiles: false));
        Assert.Empty(SlackLimits.Violations(sent));
        Assert.True(FakeSlackBlocks.TextLength(sent["blocks"]) <= SlackBudget.MaxTotalText);
        var text = TextOf(sent["blocks"]);
        Assert.Matches("…and \\d+ more", text);
        Assert.Contains("<https://billing.example.com/console|everything in the web console>", text);
        // Failure reasons are shortened to a line.
        Assert.All(text.Split('\n'), t => Assert.True(t.Length <= SlackBudget.MaxItemText + 100, $"{t.Length} characters: {t[..Math.Min(80, t.Length)]}"));
    }

    [Fact]
    public async Task A_rejection_reason_full_of_angle_brackets_and_ampersands_keeps_every_section_under_3000_after_escaping()
    {
        var (id, value) = await slack.PostedInvoiceAsync();
        var reason = string.Concat(Enumerable.Repeat("<&", 500)); // the longest reason: 1000 characters, 4,500 escaped

        (await slack.ClickAsync(SamUser, "reject", value, "t-long-reason")).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync("views.open");
        (await slack.SubmitReasonAsync(SamUser, "V0LONG", reason)).EnsureSuccessStatusCode();
        await slack.DrainAsync();

        Assert.Equal("Rejected", await slack.Http.StatusAsync(id));
        var update = Assert.Single(slack.Slack.Of("chat.update")).Args;
        Assert.Null(FakeSlackBlocks.Refusal(update, _ => true, refuseSlackFiles: false));
        Assert.Empty(SlackLimits.Violations(update));
        Assert.True(update["text"].Str().Length <= SlackBudget.MaxMessageText);
        Assert.All((await slack.OutboxAsync()).Where(m => m.Kind.StartsWith("chat.", StringComparison.Ordinal)), m => Assert.Equal(OutboxStatus.Done, m.Status));
        var outcome = update["blocks"]!.AsArray().First(b => b!["type"].Str() == "section")!["text"]!["text"].Str();
        Assert.EndsWith("…", outcome);
        Assert.DoesNotMatch("&[a-z]*…", outcome); // never cut through an entity
    }

    [Theory]
    [InlineData(2999, 2999)]
    [InlineData(3000, 3000)]
    [InlineData(3001, 3000)]
    public void A_cut_never_splits_an_escape_entity(int length, int expected)
    {
        var escaped = string.Concat(Enumerable.Repeat("&amp;", 1000))[..length];

        var cut = SlackBudget.Cut(escaped, 3000);

        Assert.True(cut.Length <= expected);
        Assert.DoesNotMatch("&(a|am|amp)?…$", cut);
    }

    [Fact]
    public async Task The_fake_refuses_a_message_over_12000_characters_of_block_text_as_Slack_does()
    {
        using var http = new HttpClient();
        var blocks = new JsonArray(Enumerable.Range(0, 5).Select(_ => (JsonNode)new JsonObject
        {
            ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('x', 2900) },
        }).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, slack.Slack.BaseUrl + "chat.postMessage")
        {
            Content = JsonContent.Create(new JsonObject { ["channel"] = ApprovalChannel, ["text"] = "x", ["blocks"] = blocks }),
        };
        request.Headers.Authorization = new("Bearer", FakeSlackApi.BotToken);

        var answer = await (await http.SendAsync(request)).ReadAsync(System.Net.HttpStatusCode.OK);

        Assert.Equal("msg_blocks_too_long", answer["error"].Str());
    }
}
