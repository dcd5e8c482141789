using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Teams;

/// <summary>
/// What an Approve or Reject invoke answers while its decision is stored for the outbox: the card as everyone else sees it
/// at that moment, with the "recorded" note on top; and a click the checks refuse is refused in the request itself.
/// </summary>
public sealed class TeamsInvokeAnswerTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("approve", null, "Your approval of")]
    [InlineData("reject", "Rate is wrong", "Your rejection of")]
    public async Task The_recorded_answer_is_the_card_as_it_stands_for_everyone_with_the_note_on_top(string verb, string? reason, string note)
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var answer = (await (await host.SendAsync(host.Invoke("i-1", verb, id, version, "aad-dana", reason))).ReadAsync(HttpStatusCode.OK))["value"]!.AsObject();
        // Someone who may not decide refreshes the same card before the outbox ran: the card nobody in particular sees.
        var shared = (await (await host.SendAsync(host.Invoke("r-1", "refresh", id, version, "aad-stranger"))).ReadAsync(HttpStatusCode.OK))["value"]!;

        var body = answer["body"]!.AsArray();
        Assert.StartsWith(note, body[0]!["text"].Str());
        Assert.Equal("Good", body[0]!["color"].Str());
        body.RemoveAt(0);
        // Document links are signed afresh for every card (Data Protection's ciphertext differs each time); the rest is identical.
        Assert.Equal(WithoutLinkTokens(shared), WithoutLinkTokens(answer));
        Assert.DoesNotContain("\"verb\":\"approve\"", answer.ToJsonString());
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
        Assert.Single(await StoredDecisionsAsync());
    }

    [Fact]
    public async Task A_click_by_an_approver_without_the_steps_role_is_refused_in_the_request_and_stores_nothing()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        // Fin holds finance and manager; the invoice's one step waits for the approver role.
        var answer = (await (await host.SendAsync(host.Invoke("i-fin", "approve", id, version, "aad-fin"))).ReadAsync(HttpStatusCode.OK))["value"]!;

        Assert.Equal("Attention", answer["body"]![0]!["color"].Str());
        Assert.Contains("does not hold the approver role", answer["body"]![0]!["text"].Str());
        Assert.Empty(await StoredDecisionsAsync());
        await host.DrainAsync();
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
    }

    [Fact]
    public async Task A_click_on_a_card_of_an_earlier_version_is_refused_in_the_request_and_stores_nothing()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        (await host.Http.DecideAsync(id, ApprovalFixture.Sam, "approve")).EnsureSuccessStatusCode();

        var answer = (await (await host.SendAsync(host.Invoke("i-late", "approve", id, version, "aad-dana"))).ReadAsync(HttpStatusCode.OK))["value"]!;

        Assert.Equal("Attention", answer["body"]![0]!["color"].Str());
        Assert.Contains("already approved by", answer["body"]![0]!["text"].Str());
        Assert.Empty(await StoredDecisionsAsync());
    }

    private static string WithoutLinkTokens(JsonNode card) =>
        System.Text.RegularExpressions.Regex.Replace(card.ToJsonString(), "/d/[^/\"]+/", "/d/(token)/");

    private Task<List<Core.Outbox.OutboxMessage>> StoredDecisionsAsync() =>
        host.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "teams.decision").ToListAsync());
}
