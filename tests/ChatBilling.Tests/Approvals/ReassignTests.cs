using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Approvals;

/// <summary>Handing the waiting step to another qualified person with a note: only they decide it then, and the card says so.</summary>
public sealed class ReassignTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new(configure: app => app
        .With("Approvals:Approvers:3:Name", "Ann Auditor").With("Approvals:Approvers:3:Email", "ann@example.com")
        .With("Approvals:Approvers:3:Roles:0", "approver").With("Approvals:Approvers:3:MaxAmount", "1000")
        .With("Approvals:Approvers:3:SlackUserId", "U0ANN"));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    private Task<HttpResponseMessage> ReassignAsync(string id, string by, string to, string? note = "Sam knows this client") =>
        slack.Http.PostAsJsonAsync($"/api/invoices/{id}/reassign", new { by, to, note });

    [Fact]
    public async Task An_approver_hands_the_step_to_a_colleague_who_alone_decides_it_and_the_card_follows()
    {
        var (id, button) = await slack.PostedInvoiceAsync(5000m);

        await (await ReassignAsync(id, Dana, "Sam Second")).ReadAsync(HttpStatusCode.OK);
        var line = (await slack.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("reassigned", Dana, "api"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str()));
        Assert.Equal("Dana Approver handed step 1 of 1 (approver) to Sam Second: Sam knows this client", line["detail"].Str());
        var step = (await (await slack.Http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync()).Single()!;
        Assert.Equal(Sam, step["assignedTo"].Str());
        Assert.Equal(["Sam Second"], step["deciders"]!.AsArray().Select(d => d.Str()));
        await slack.DrainAsync();
        Assert.NotEmpty(slack.Slack.Of("chat.update"));

        // Dana no longer decides it; Sam does, from the same card.
        var refused = await (await slack.Http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("was handed to Sam Second", refused["detail"].Str());
        await slack.ClickAsync(SamUser, "approve", button, "t-sam");
        await slack.DrainAsync();
        Assert.Equal("Sent", await slack.Http.StatusAsync(id));
    }

    [Theory]
    [InlineData("Fin Manager", "to", "does not hold the approver role")]
    [InlineData("Ann Auditor", "to", "may approve up to 1000")]
    [InlineData("nobody@example.com", "to", "not a configured approver")]
    [InlineData(Dana, "to", "already with Dana Approver")]
    public async Task Reassigning_to_someone_unqualified_is_400_naming_the_field_and_changes_nothing(string to, string field, string said)
    {
        var id = await slack.Http.SubmittedInvoiceAsync(5000m);
        var before = (await slack.Http.HistoryAsync(id)).Count;

        var problem = await (await ReassignAsync(id, Dana, to)).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains(said, problem["errors"]![field]![0].Str());
        Assert.Equal(before, (await slack.Http.HistoryAsync(id)).Count);
        Assert.Null((await (await slack.Http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync()).Single()!["assignedTo"]);
    }

    [Fact]
    public async Task Reassigning_needs_a_note_and_someone_who_may_decide_or_a_manager()
    {
        var id = await slack.Http.SubmittedInvoiceAsync(5000m);
        var noNote = await (await ReassignAsync(id, Dana, Sam, note: " ")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noNote["errors"]!["note"]);
        // Ann may not approve 5,000: she cannot hand it on either. Fin is a manager: he may.
        var ann = await (await ReassignAsync(id, "ann@example.com", Sam)).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("or a manager", ann["detail"].Str());
        await (await ReassignAsync(id, Fin, Sam, note: "Dana is swamped")).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reassigning_a_decided_invoice_is_409_and_changes_nothing()
    {
        var id = await slack.Http.SubmittedInvoiceAsync(5000m);
        await (await slack.Http.DecideAsync(id, Dana, "reject", "Wrong")).ReadAsync(HttpStatusCode.OK);
        var problem = await (await ReassignAsync(id, Dana, Sam)).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("Rejected", problem["detail"].Str());
    }
}
