using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Teams;
using ChatBilling.Slack;

namespace ChatBilling.Tests.Cards;

public class CardTemplatesTests
{
    [Fact]
    public void Every_card_has_an_embedded_template_for_Teams_and_for_Slack()
    {
        string[] cards = ["approval-request", "decided", "digest", "invoice-list", "invoice-status", "help"];

        Assert.Equal(cards.SelectMany(c => new[] { $"slack/{c}", $"teams/{c}" }).Order(StringComparer.Ordinal), Dialects.Names);
        Assert.Equal("teams/approval-request", TeamsDialect.Cards.NameOf<ApprovalRequestCard>());
        Assert.Equal("slack/invoice-status", SlackDialect.Cards.NameOf<InvoiceStatusCard>());
    }

    [Fact]
    public void An_unknown_template_name_says_which_names_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => Dialects.Bind("teams/nope", CardSamples.Help));
        Assert.Contains("teams/help", error.Message);
    }

    [Fact]
    public void Each_bind_returns_a_fresh_tree_from_the_cached_template()
    {
        var first = TeamsDialect.Cards.Bind(CardSamples.Help);
        first["body"]!.AsArray().Clear();

        var second = TeamsDialect.Cards.Bind(CardSamples.Help);

        Assert.NotEmpty(second["body"]!.AsArray());
    }

    [Fact]
    public void A_client_name_with_quotes_backslashes_and_Slack_markup_round_trips_and_is_escaped_only_in_mrkdwn()
    {
        var card = CardSamples.Approval(CardList.Empty<CardCheck>()) with { ClientName = CardSamples.NastyClient };

        var teams = JsonNode.Parse(Dialects.BindToJson("teams/approval-request", card))!;
        var slack = JsonNode.Parse(Dialects.BindToJson("slack/approval-request", card))!;

        // Teams TextBlocks render markdown, so the name is bound there with markdown escaped; plain fallback text keeps it as typed.
        Assert.Contains(TeamsMarkdown.Escape(CardSamples.NastyClient), Strings(teams));
        Assert.Contains(Strings(teams), s => s.StartsWith("Invoice ") && s.Contains(CardSamples.NastyClient));
        var section = Text(slack["blocks"]![1]!["text"]!["text"]);
        Assert.StartsWith("*\"Quote\" \\ Backslash &lt;!channel&gt; &amp; Co*", section);
        Assert.DoesNotContain(Strings(slack), s => s.Contains("<!channel>"));
    }

    [Fact]
    public void Buttons_carry_the_invoice_id_and_card_version_back()
    {
        var card = CardSamples.Approval(CardList.Empty<CardCheck>());
        var expected = new CardActionData(CardSamples.InvoiceId, "41:7");

        var teams = TeamsDialect.Cards.Bind(card);
        var slack = SlackDialect.Cards.Bind(card);

        var approve = teams["actions"]![0]!;
        Assert.Equal(("Action.Execute", "approve"), (Text(approve["type"]), Text(approve["verb"])));
        Assert.Equal(expected, approve["data"].Deserialize<CardActionData>(CardJson.Options));
        Assert.Equal("Action.Submit", Text(approve["fallback"]!["type"]));
        Assert.Equal("approve", Text(approve["fallback"]!["data"]!["verb"]));
        var reject = teams["actions"]![1]!["card"]!;
        Assert.Equal(("reason", true), (Text(reject["body"]![0]!["id"]), reject["body"]![0]!["isRequired"]!.GetValue<bool>()));
        Assert.Equal("reject", Text(reject["actions"]![0]!["verb"]));
        Assert.Equal("refresh", Text(teams["refresh"]!["action"]!["verb"]));

        var buttons = slack["blocks"]!.AsArray().Single(b => Text(b!["type"]) == "actions")!["elements"]!.AsArray();
        Assert.Equal(["approve", "reject", "ask", "reassign", "open_pdf"], buttons.Select(b => Text(b!["action_id"])));
        Assert.Equal(["primary", "danger"], buttons.Take(2).Select(b => Text(b!["style"])));
        Assert.All(buttons.Take(4), b => Assert.Equal(expected, JsonSerializer.Deserialize<CardActionData>(Text(b!["value"]), CardJson.Options)));
        Assert.Equal(card.PdfUrl, Text(buttons[4]!["url"]));
        var ask = teams["actions"]![2]!["card"]!;
        Assert.Equal(("question", "ask"), (Text(ask["body"]![0]!["id"]), Text(ask["actions"]![0]!["verb"])));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("29:1aB-user-id", true)]
    public void Refresh_names_user_ids_only_when_given(string? userId, bool listed)
    {
        var card = CardSamples.Approval(CardList.Empty<CardCheck>(), userId is null ? null : [userId]);

        var refresh = TeamsDialect.Cards.Bind(card)["refresh"]!.AsObject();

        Assert.Equal(listed, refresh.ContainsKey("userIds"));
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("slack")]
    public void Checks_show_warnings_first_and_no_checks_show_nothing(string channel)
    {
        var with = Strings(Dialects.Bind($"{channel}/approval-request", CardSamples.Approval(CardSamples.Checks(2, 1))));
        var without = Strings(Dialects.Bind($"{channel}/approval-request", CardSamples.Approval(CardList.Empty<CardCheck>())));

        var warning = with.FindIndex(s => s.Contains("due date is only 7 days"));
        var info = with.FindIndex(s => s.Contains("Work completed on 1 Nov"));
        Assert.InRange(warning, 0, info - 1);
        Assert.DoesNotContain("Before you decide", without);
    }

    [Theory]
    [InlineData("teams", 40, 15, "…and 25 more")]
    [InlineData("slack", 40, 15, "…and 25 more")]
    [InlineData("teams", 15, 15, null)]
    [InlineData("slack", 3, 3, null)]
    public void Long_lists_stop_at_fifteen_items_and_say_how_many_more(string channel, int count, int shown, string? moreLine)
    {
        var card = CardSamples.Digest(0, count, 0);

        var strings = Strings(Dialects.Bind($"{channel}/digest", card));

        Assert.Equal(shown, strings.Count(s => s.Contains("waiting") && s.Contains(" h")));
        Assert.Equal(moreLine is not null, strings.Contains(moreLine ?? ""));
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("slack")]
    public void Empty_lists_show_their_empty_line(string channel)
    {
        var overdue = Strings(Dialects.Bind($"{channel}/invoice-list",
            new InvoiceListCard("Overdue", [], CardList.Empty<InvoiceListItem>(), [], "Still owed", "Nothing is overdue.", null)));
        var digest = Strings(Dialects.Bind($"{channel}/digest", CardSamples.Digest(0, 0, 0)));

        Assert.Contains(overdue, s => s.EndsWith("Nothing is overdue.", StringComparison.Ordinal));
        Assert.Contains(digest, s => s.Contains("All quiet"));
        Assert.DoesNotContain(digest, s => s.Contains("Overdue") || s.Contains("Failed sends"));
    }

    [Fact]
    public void Numbers_that_Teams_shows_as_fact_values_stay_strings()
    {
        var facts = TeamsDialect.Cards.Bind(CardSamples.Approval(CardList.Empty<CardCheck>()))["body"]![1]!["facts"]!.AsArray();

        Assert.Equal(JsonValueKind.String, facts.Single(f => Text(f!["title"]) == "Lines")!["value"]!.GetValueKind());
    }

    [Fact]
    public void Card_lists_keep_the_first_items_and_count_the_rest()
    {
        var list = CardList.Of(Enumerable.Range(1, 20), max: 15);

        Assert.Equal((15, 20, 5), (list.Items.Count, list.Total, list.More));
        Assert.Equal(Enumerable.Range(1, 15), list.Items);
        Assert.Equal(0, CardList.Of([1, 2]).More);
        Assert.Throws<ArgumentOutOfRangeException>(() => CardList.Of([1], max: -1));
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    /// <summary>Every string value in the tree, in document order.</summary>
    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)).ToList(),
        JsonArray a => a.SelectMany(Strings).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}
