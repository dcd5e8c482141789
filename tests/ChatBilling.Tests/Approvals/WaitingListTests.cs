using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using ChatBilling.Tests.Teams;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// "Waiting for you" in chat: <c>/billing waiting</c> in Slack (ephemeral) and "waiting" / "my approvals" in Teams list the
/// invoices the asker may decide now (the console inbox's rule), ten at most, each with one Approve button that goes through
/// the card's stale-protected decision path.
/// </summary>
public sealed class WaitingListSlackTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new(configure: app => app.With("Slack:MessageInterval", "00:00:00"));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    private async Task<JsonArray> WaitingBlocksAsync(string user)
    {
        var answer = await (await slack.CommandAsync("waiting", user)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("ephemeral", answer["response_type"].Str());
        return answer["blocks"]!.AsArray();
    }

    private static List<JsonNode> Buttons(JsonArray blocks) =>
        blocks.Where(b => b!["accessory"]?["action_id"].Str() == "approve").Select(b => b!).ToList();

    [Fact]
    public async Task Waiting_lists_only_what_the_asker_may_decide_each_with_an_approve_button()
    {
        var small = await slack.Http.SubmittedInvoiceAsync(5000m);
        await slack.Http.SubmittedInvoiceAsync(40000m);

        // Dana may approve up to 30,000: the 40,000 invoice is Sam's to decide, not hers.
        var dana = Buttons(await WaitingBlocksAsync(DanaUser));
        var only = Assert.Single(dana);
        Assert.Contains("INV-2026-0001", only["text"]!["text"].Str());
        Assert.Contains("5,000.00", only["text"]!["text"].Str());
        Assert.Contains("Due 22 Dec 2026", only["text"]!["text"].Str());
        Assert.Contains(small, only["accessory"]!["value"].Str());
        Assert.Equal(2, Buttons(await WaitingBlocksAsync(SamUser)).Count);
        // Fin holds finance, whose step has not opened: nothing waits for him.
        Assert.Empty(Buttons(await WaitingBlocksAsync(FinUser)));
        Assert.Contains("none", (await WaitingBlocksAsync(FinUser)).ToJsonString());
        // Someone unknown is told nothing about amounts or clients.
        var stranger = await (await slack.CommandAsync("waiting", Stranger)).ReadAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("INV-2026", stranger.ToJsonString());
    }

    [Fact]
    public async Task The_list_approve_button_decides_exactly_that_invoice_once_and_a_stale_one_says_so()
    {
        var first = await slack.Http.SubmittedInvoiceAsync(5000m);
        var second = await slack.Http.SubmittedInvoiceAsync(6000m);
        string ValueFor(IEnumerable<JsonNode> buttons) => buttons.Single(b => b["accessory"]!["value"].Str().Contains(first))["accessory"]!["value"].Str();
        var value = ValueFor(Buttons(await WaitingBlocksAsync(DanaUser)));
        var samsValue = ValueFor(Buttons(await WaitingBlocksAsync(SamUser)));

        (await slack.ClickAsync(DanaUser, "approve", value, "t-list-1")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        await slack.DrainAsync();
        Assert.NotEqual("PendingApproval", await slack.Http.StatusAsync(first));
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(second));
        Assert.Single(await slack.Http.HistoryAsync(first), h => h!["action"].Str() == "approved");

        // The same button again counts once; Sam's list, shown before Dana decided, is stale and says so.
        (await slack.ClickAsync(DanaUser, "approve", value, "t-list-2")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        await slack.DrainAsync();
        Assert.Contains("You already approved INV-2026-0001", slack.Slack.Of("chat.postEphemeral").Last().Args["text"].Str());
        (await slack.ClickAsync(SamUser, "approve", samsValue, "t-list-3")).EnsureSuccessStatusCode();
        await slack.DrainAsync();
        await slack.DrainAsync();
        Assert.Contains("was already approved by", slack.Slack.Of("chat.postEphemeral").Last().Args["text"].Str());
        Assert.Single(await slack.Http.HistoryAsync(first), h => h!["action"].Str() == "approved");
        Assert.Single(Buttons(await WaitingBlocksAsync(DanaUser)));
    }
}

public sealed class WaitingListTeamsTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<JsonNode> WaitingCardAsync(string id, string text, string aad = "aad-dana")
    {
        (await host.SendAsync(host.Message(id, text, aad))).EnsureSuccessStatusCode();
        return host.Platform.CallsOf("POST").Last().Body["attachments"]![0]!["content"]!;
    }

    private static List<JsonNode> Approves(JsonNode card) => Walk(card).Where(n => n["type"]?.ToString() == "Action.Execute" && n["verb"]?.ToString() == "approve").ToList();

    private static IEnumerable<JsonNode> Walk(JsonNode node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Walk)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Walk),
        _ => [],
    };

    [Fact]
    public async Task Waiting_and_my_approvals_answer_with_an_approve_button_per_invoice_that_decides_it_once()
    {
        var first = await host.Http.SubmittedInvoiceAsync(5000m);
        await host.Http.SubmittedInvoiceAsync(40000m);

        var card = await WaitingCardAsync("m-wait", "waiting");
        var approve = Assert.Single(Approves(card));
        Assert.Equal(first, approve["data"]!["invoiceId"].Str());
        Assert.Equal(2, Approves(await WaitingCardAsync("m-mine", "my approvals", "aad-sam")).Count);

        var data = approve["data"]!;
        var click = host.Invoke("i-list-1", "approve", first, data["cardVersion"].Str(), "aad-dana");
        var answer = await (await host.SendAsync(click)).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("is recorded", answer["value"]!.ToJsonString());
        await host.DrainAsync();
        Assert.NotEqual("PendingApproval", await host.Http.StatusAsync(first));

        // The old list's button again counts once; Sam's, from a list shown before, is stale and says so on the card.
        var again = await (await host.SendAsync(host.Invoke("i-list-2", "approve", first, data["cardVersion"].Str(), "aad-dana"))).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("You already approved INV-2026-0001", again["value"]!.ToJsonString());
        var sams = await (await host.SendAsync(host.Invoke("i-list-3", "approve", first, data["cardVersion"].Str(), "aad-sam"))).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("was already approved by", sams["value"]!.ToJsonString());
        Assert.Single(await host.Http.HistoryAsync(first), h => h!["action"].Str() == "approved");
    }

    [Fact]
    public async Task The_digest_shows_ten_and_points_to_the_console_for_the_rest()
    {
        for (var i = 0; i < 12; i++) await host.Http.SubmittedInvoiceAsync(1000m + i);
        var card = await WaitingCardAsync("m-many", "waiting");
        Assert.Equal(10, Approves(card).Count);
        Assert.Contains(Walk(card), n => n["text"]?.ToString() == "…and 2 more in the console");
        Assert.Contains("status=mine", card["actions"]!.ToJsonString());
    }
}
