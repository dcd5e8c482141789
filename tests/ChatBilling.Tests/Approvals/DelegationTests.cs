using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// Dana is away: she hands her approvals to a colleague for a date range, reminders go to the colleague, who decides
/// in her place, and the history says "Fin Manager for Dana Approver". Set over REST, Slack and Teams (and the console,
/// in <see cref="DelegationConsoleTests"/>).
/// </summary>
public sealed class DelegationTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    private Task<HttpResponseMessage> DelegateAsync(string from, string to, string endsOn = "2026-12-24", string? startsOn = null) =>
        slack.Http.PostAsJsonAsync("/api/delegations", new { from, to, startsOn, endsOn });

    [Fact]
    public async Task A_delegate_decides_for_the_away_approver_within_their_own_limit_and_the_history_says_for_whom()
    {
        var made = await (await DelegateAsync(Dana, "Fin Manager")).ReadAsync(HttpStatusCode.Created);
        Assert.Equal((Fin, true), (made["to"].Str(), made["active"]!.GetValue<bool>()));
        var (id, button) = await slack.PostedInvoiceAsync(5000m);

        // Fin holds no approver role, but stands in for Dana, who does.
        await slack.ClickAsync(FinUser, "approve", button, "t-fin");
        await slack.DrainAsync();

        // The drain also sends the approved invoice by email.
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
        var approved = (await slack.Http.HistoryAsync(id)).Single(h => h!["action"].Str() == "approved")!;
        Assert.Equal(("approved", "slack", Fin), (approved["action"].Str(), approved["channel"].Str(), approved["actor"].Str()));
        Assert.Contains("Fin Manager for Dana Approver approved", approved["detail"].Str());
        var step = (await (await slack.Http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync()).Single()!;
        Assert.Equal((Fin, Dana), (step["decidedBy"].Str(), step["decidedFor"].Str()));
        var update = slack.Slack.Of("chat.update").Last();
        Assert.Contains("Fin Manager for Dana Approver", update.Args["text"].Str() + update.Args["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task The_route_and_the_reminders_name_the_delegate_instead_of_the_away_approver()
    {
        await (await DelegateAsync(Dana, "fin@example.com")).ReadAsync(HttpStatusCode.Created);
        var (id, _) = await slack.PostedInvoiceAsync(5000m);
        var deciders = (await (await slack.Http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync()).Single()!["deciders"]!
            .AsArray().Select(d => d.Str()).ToList();
        Assert.Equal(["Sam Second", "Fin Manager for Dana Approver"], deciders);

        slack.App.Clock.Advance(TimeSpan.FromHours(25));
        await slack.RunAsync("escalations");
        await slack.DrainAsync();

        var reminder = slack.Slack.Of("chat.postMessage").Last(c => c.Args["thread_ts"] is not null && c.Args["blocks"] is null);
        Assert.Contains($"<@{FinUser}>", reminder.Args["text"].Str());
        Assert.Contains($"<@{SamUser}>", reminder.Args["text"].Str());
        Assert.DoesNotContain($"<@{DanaUser}>", reminder.Args["text"].Str());
        var reminded = (await slack.Http.HistoryAsync(id)).Single(h => h!["action"].Str() == "approval-reminded")!;
        Assert.Contains("reminded Fin Manager, Sam Second.", reminded["detail"].Str());
    }

    [Fact]
    public async Task A_delegation_outside_its_dates_changes_nothing_and_the_delegate_is_refused()
    {
        await (await DelegateAsync(Dana, "Fin Manager", startsOn: "2026-12-01", endsOn: "2026-12-05")).ReadAsync(HttpStatusCode.Created);
        var id = await slack.Http.SubmittedInvoiceAsync(5000m);

        var refused = await (await slack.Http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("does not hold the approver role", refused["detail"].Str());
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
    }

    [Fact]
    public async Task Slack_delegate_command_sets_it_with_an_escaped_or_a_typed_mention_and_delegate_off_ends_it()
    {
        var escaped = await (await slack.CommandAsync($"delegate <@{FinUser}|fin> until 2026-12-24")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("ephemeral", escaped["response_type"].Str());
        Assert.Contains("Done: Fin Manager decides your approvals from 2026-11-22 to 2026-12-24", escaped["text"].Str());

        var typed = await (await slack.CommandAsync("delegate @sam until 2026-12-24")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("Done: Sam Second decides", typed["text"].Str());
        var list = await (await slack.Http.GetAsync($"/api/delegations?person={Dana}")).ReadArrayAsync();
        // The second replaced the first: one person is away to one colleague at a time.
        Assert.Equal((Sam, "slack"), (Assert.Single(list)!["to"].Str(), list[0]!["channel"].Str()));

        var off = await (await slack.CommandAsync("delegate off")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("no longer to Sam Second", off["text"].Str());
        Assert.Empty(await (await slack.Http.GetAsync($"/api/delegations?person={Dana}")).ReadArrayAsync());
    }

    [Theory]
    [InlineData("delegate @dana until 2026-12-24", "yourself")]
    [InlineData("delegate @nobody until 2026-12-24", "not a configured approver")]
    [InlineData("delegate @sam until Christmas", "is not a date")]
    [InlineData("delegate @sam", "Type: delegate @sam until")]
    public async Task Slack_delegate_command_says_what_is_wrong_and_sets_nothing(string text, string said)
    {
        var answer = await (await slack.CommandAsync(text)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("ephemeral", answer["response_type"].Str());
        Assert.Contains(said, answer["text"].Str());
        Assert.Empty(await (await slack.Http.GetAsync("/api/delegations")).ReadArrayAsync());
    }

    [Fact]
    public async Task A_stranger_cannot_delegate_from_slack()
    {
        var answer = await (await slack.CommandAsync("delegate @sam until 2026-12-24", Stranger)).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("Only configured approvers", answer["text"].Str());
        Assert.Empty(await (await slack.Http.GetAsync("/api/delegations")).ReadArrayAsync());
    }

    [Theory]
    [InlineData(Dana, "dana@example.com", "2026-12-24", null, "to", "yourself")]
    [InlineData(Dana, "Dana Approver", "2026-12-24", null, "to", "yourself")]
    [InlineData(Dana, "nobody@example.com", "2026-12-24", null, "to", "not a configured approver")]
    [InlineData("mallory@example.com", Sam, "2026-12-24", null, "from", "not a configured approver")]
    [InlineData(Dana, Sam, "2026-11-01", null, "endsOn", "before startsOn")]
    [InlineData(Dana, Sam, "2026-12-24", "2026-11-01", "startsOn", "past")]
    [InlineData(Dana, Sam, "2028-12-24", null, "endsOn", "at most 366 days")]
    public async Task Bad_delegations_are_400_naming_the_field_and_change_nothing(
        string from, string to, string endsOn, string? startsOn, string field, string said)
    {
        var problem = await (await DelegateAsync(from, to, endsOn, startsOn)).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains(said, problem["errors"]![field]![0].Str());
        Assert.Empty(await (await slack.Http.GetAsync("/api/delegations")).ReadArrayAsync());
    }

    [Fact]
    public async Task A_circle_of_delegations_is_400_and_changes_nothing()
    {
        await (await DelegateAsync(Sam, "Fin Manager")).ReadAsync(HttpStatusCode.Created);
        await (await DelegateAsync(Fin, "Dana Approver", endsOn: "2026-12-01")).ReadAsync(HttpStatusCode.Created);

        var problem = await (await DelegateAsync(Dana, "Sam Second", endsOn: "2026-11-30")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("circle (Dana Approver → Sam Second → Fin Manager → Dana Approver)", problem["errors"]!["to"]![0].Str());
        Assert.Equal(2, (await (await slack.Http.GetAsync("/api/delegations")).ReadArrayAsync()).Count);
        // Days the chain does not cover are fine: Fin is back on 2 December.
        await (await DelegateAsync(Dana, "Sam Second", startsOn: "2026-12-02", endsOn: "2026-12-10")).ReadAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Delegating_needs_the_decide_scope()
    {
        using var keyed = new BillingApp().WithApprovers()
            .With("Api:Keys:0:Name", "erp").With("Api:Keys:0:Key", "erp-key-0123456789");
        var http = keyed.Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "erp-key-0123456789");
        var problem = await (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = Sam, endsOn = "2026-12-24" }))
            .ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal("decide", problem["scope"].Str());
    }
}
