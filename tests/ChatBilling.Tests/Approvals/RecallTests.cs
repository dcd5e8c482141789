using System.Net;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Approvals;

/// <summary>The requester's key takes a pending invoice back to Draft; the Slack card loses its buttons in place.</summary>
public sealed class RecallTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task Recalling_a_pending_invoice_returns_it_to_draft_records_why_and_takes_the_buttons_off_the_card()
    {
        var (id, _) = await slack.PostedInvoiceAsync();

        var recalled = await (await slack.Http.PostAsync($"/api/invoices/{id}/recall", Rest.Json("""{"reason":"Wrong client"}""")))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", recalled["status"].Str());
        var last = (await slack.Http.HistoryAsync(id)).Last()!;
        Assert.Equal(("recalled", "api", "PendingApproval", "Draft", "Wrong client"),
            (last["action"].Str(), last["channel"].Str(), last["fromStatus"].Str(), last["toStatus"].Str(), last["detail"].Str()));

        await slack.DrainAsync();
        var update = Assert.Single(slack.Slack.Of("chat.update"));
        Assert.Equal((ApprovalChannel, "1763802000.000001"), (update.Args["channel"].Str(), update.Args["ts"].Str()));
        Assert.DoesNotContain("\"actions\"", update.Args["blocks"]!.ToJsonString());
        Assert.Contains("Recalled", update.Args["text"].Str());

        // A click on the old card now changes nothing, and the invoice can be submitted again.
        await (await slack.Http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.Conflict);
        (await slack.Http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":"   "}""")]
    public async Task A_recall_without_a_reason_is_400_naming_the_field_and_changes_nothing(string body)
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        var problem = await (await slack.Http.PostAsync($"/api/invoices/{id}/recall", Rest.Json(body))).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["reason"]);
        Assert.Equal("PendingApproval", await slack.Http.StatusAsync(id));
        Assert.Equal(2, (await slack.Http.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Recalling_a_decided_invoice_is_409_and_changes_nothing()
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        await (await slack.Http.DecideAsync(id, ApprovalFixture.Dana, "reject", "Too high")).ReadAsync(HttpStatusCode.OK);
        var before = (await slack.Http.HistoryAsync(id)).Count;

        var problem = await (await slack.Http.PostAsync($"/api/invoices/{id}/recall", Rest.Json("""{"reason":"Oops"}""")))
            .ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("Rejected", problem["detail"].Str());
        Assert.Equal("Rejected", await slack.Http.StatusAsync(id));
        Assert.Equal(before, (await slack.Http.HistoryAsync(id)).Count);
    }
}
