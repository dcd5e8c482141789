using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Teams;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// Teams: "Reassign…" on the approval card is an Action.ShowCard with an Input.ChoiceSet of the qualified colleagues and a
/// note, submitted as an adaptiveCard/action invoke (verb "reassign") whose data carries the inputs by their ids, as Teams
/// merges them. A refused handover answers the card with the reason and changes nothing.
/// </summary>
public sealed class ReassignTeamsTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private JsonObject Reassign(string activityId, string id, string? version, string? to, string? note, string aad = "aad-dana")
    {
        var invoke = host.Invoke(activityId, "reassign", id, version, aad);
        var data = invoke["value"]!["action"]!["data"]!;
        if (to is not null) data["reassignTo"] = to;
        if (note is not null) data["note"] = note;
        return invoke;
    }

    private async Task<string> AnswerAsync(JsonObject invoke) =>
        (await (await host.SendAsync(invoke)).ReadAsync(HttpStatusCode.OK))["value"]!.ToJsonString();

    private async Task<int> ReassignedLinesAsync(string id) =>
        (await host.Http.HistoryAsync(id)).Count(h => h!["action"].Str() == "reassigned");

    [Fact]
    public async Task The_card_offers_reassign_with_a_choice_of_qualified_colleagues_and_a_note()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var card = host.Platform.CallsOf("POST").First().Body["activity"]!["attachments"]![0]!["content"]!;
        var reassign = card["actions"]!.AsArray().Single(a => a!["title"].Str() == "Reassign…")!;
        Assert.Equal("Action.ShowCard", reassign["type"].Str());
        var body = reassign["card"]!["body"]!.AsArray();
        Assert.Equal(("Input.ChoiceSet", "reassignTo"), (body[0]!["type"].Str(), body[0]!["id"].Str()));
        // Both holders of the approver role; Fin (finance, manager) does not hold the step's role and is not offered.
        Assert.Equal(["Dana Approver", "Sam Second"], body[0]!["choices"]!.AsArray().Select(c => c!["title"].Str()));
        Assert.Equal([ApprovalFixture.Dana, ApprovalFixture.Sam], body[0]!["choices"]!.AsArray().Select(c => c!["value"].Str()));
        Assert.Equal(("Input.Text", "note", true), (body[1]!["type"].Str(), body[1]!["id"].Str(), body[1]!["isRequired"]!.GetValue<bool>()));
        var submit = reassign["card"]!["actions"]![0]!;
        Assert.Equal(("Action.Execute", "reassign"), (submit["type"].Str(), submit["verb"].Str()));
    }

    [Fact]
    public async Task The_reassign_invoke_hands_the_step_to_the_chosen_colleague_and_answers_with_the_card()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var answer = await AnswerAsync(Reassign("i-re", id, version, ApprovalFixture.Sam, "Sam knows Acme"));
        Assert.Contains("is with Sam Second now", answer);
        // Dana no longer decides it: her card shows who it waits for, without buttons.
        Assert.DoesNotContain("\"verb\":\"approve\"", answer);
        var line = (await host.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("reassigned", ApprovalFixture.Dana, "teams"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str()));
        Assert.Equal("Dana Approver handed step 1 of 1 (approver) to Sam Second: Sam knows Acme", line["detail"].Str());

        // Sam's own card now offers the buttons, and Dana's choice list no longer has him (he holds the step).
        var sams = await AnswerAsync(host.Invoke("i-refresh", "refresh", id, version, "aad-sam"));
        Assert.Contains("\"verb\":\"approve\"", sams);
        Assert.DoesNotContain("\"value\":\"sam@example.com\"", sams);
    }

    [Fact]
    public async Task Someone_unqualified_an_unknown_person_or_no_note_is_refused_on_the_card_and_changes_nothing()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        Assert.Contains("Fin Manager cannot take step 1 of 1 (approver)", await AnswerAsync(Reassign("i-fin", id, version, ApprovalFixture.Fin, "Fin please")));
        Assert.Contains("is not a configured approver", await AnswerAsync(Reassign("i-who", id, version, "nobody@example.com", "Who?")));
        Assert.Contains("needs a note", await AnswerAsync(Reassign("i-note", id, version, ApprovalFixture.Sam, " ")));
        Assert.Contains("is required", await AnswerAsync(Reassign("i-none", id, version, null, "no pick")));
        Assert.Equal(0, await ReassignedLinesAsync(id));
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));

        // Once the step is Sam's, Dana may no longer hand it on (she is neither its holder nor a manager).
        Assert.Contains("is with Sam Second now", await AnswerAsync(Reassign("i-ok", id, version, ApprovalFixture.Sam, "Sam knows Acme")));
        var now = await host.Http.CardVersionAsync(id);
        Assert.Contains("Only someone who may decide", await AnswerAsync(Reassign("i-again", id, now, ApprovalFixture.Dana, "back to me")));
        Assert.Equal(1, await ReassignedLinesAsync(id));
    }

    [Fact]
    public async Task A_stale_card_is_refused_and_hands_on_nothing()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var stale = await host.Http.CardVersionAsync(id);
        (await host.Http.PostAsJsonAsync($"/api/invoices/{id}/recall", new { reason = "Wrong client" })).EnsureSuccessStatusCode();
        (await host.Http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();

        Assert.Contains("out of date", await AnswerAsync(Reassign("i-stale", id, stale, ApprovalFixture.Sam, "Sam knows Acme")));
        Assert.Contains("carries no version", await AnswerAsync(Reassign("i-nover", id, null, ApprovalFixture.Sam, "Sam knows Acme")));
        Assert.Equal(0, await ReassignedLinesAsync(id));
    }

    [Fact]
    public async Task A_teams_user_who_is_not_an_approver_changes_nothing()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        Assert.Contains("not linked to an approver", await AnswerAsync(Reassign("i-stranger", id, version, ApprovalFixture.Sam, "hi", aad: "aad-stranger")));
        Assert.Equal(0, await ReassignedLinesAsync(id));
    }
}
