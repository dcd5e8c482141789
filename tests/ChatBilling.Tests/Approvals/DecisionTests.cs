using System.Net;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

public sealed class DecisionTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task An_approver_with_the_role_approves_a_single_step_invoice()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var decided = await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("applied", decided["result"].Str());
        Assert.Equal("Approved", await http.StatusAsync(id));
        var last = (await http.HistoryAsync(id)).Last()!;
        Assert.Equal(("approved", Dana, "PendingApproval", "Approved"),
            (last["action"].Str(), last["actor"].Str(), last["fromStatus"].Str(), last["toStatus"].Str()));
    }

    [Fact]
    public async Task Large_invoices_need_an_approver_then_finance_and_two_different_people()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000);
        var early = await http.DecideAsync(id, Fin, "approve");
        Assert.Contains("approver role", (await early.ReadAsync(HttpStatusCode.Forbidden))["detail"].Str());

        await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
        await (await http.DecideAsync(id, Sam, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        await (await http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", await http.StatusAsync(id));
        Assert.Equal(["created", "submitted", "approved-step", "approved"], (await http.HistoryAsync(id)).Select(h => h!["action"].Str()));
    }

    [Theory]
    [InlineData("stranger@example.com", 5000, "not a configured approver")]
    [InlineData(Fin, 5000, "does not hold the approver role")]
    [InlineData(Dana, 30000.01, "may approve up to 30000")]
    public async Task Decisions_from_people_who_may_not_make_them_are_403_and_change_nothing(string approver, decimal total, string why)
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(total);
        var problem = await (await http.DecideAsync(id, approver, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains(why, problem["detail"].Str());
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
        Assert.Equal(2, (await http.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Nobody_approves_an_invoice_they_created()
    {
        using var own = new BillingApp().WithApprovers().With("Api:Keys:0:Name", Dana).With("Api:Keys:0:Key", "dana-key-123456")
            .With("Api:Keys:0:Scopes:0", "read").With("Api:Keys:0:Scopes:1", "write").With("Api:Keys:0:Scopes:2", "decide");
        var http = own.Http("dana-key-123456");
        var id = await http.SubmittedInvoiceAsync(5000);
        var problem = await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("created", problem["detail"].Str());
        await (await http.DecideAsync(id, Sam, "approve")).ReadAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_leaves_the_invoice_editable_and_resubmittable()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var missing = await (await http.DecideAsync(id, Dana, "reject", reason: "  ")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]?["reason"]);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));

        var oldCard = await http.CardVersionAsync(id);
        await (await http.DecideAsync(id, Dana, "reject", reason: "Wrong PO number")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", await http.StatusAsync(id));
        Assert.Contains("Wrong PO number", (await http.HistoryAsync(id)).Last()!["detail"].Str());

        var clientId = (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["clientId"].Str();
        (await http.PutAsync($"/api/invoices/{id}", System.Net.Http.Json.JsonContent.Create(Rest.Invoice(clientId, unitPrice: 4000)))).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();

        var stale = await (await http.DecideAsync(id, Sam, "approve", cardVersion: oldCard)).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("earlier version", stale["detail"].Str());
        await (await http.DecideAsync(id, Sam, "approve", cardVersion: await http.CardVersionAsync(id))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_double_click_counts_once()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var card = await http.CardVersionAsync(id);
        var first = await (await http.DecideAsync(id, Dana, "approve", cardVersion: card)).ReadAsync(HttpStatusCode.OK);
        var second = await (await http.DecideAsync(id, Dana, "approve", cardVersion: card)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("applied", "alreadyDecided"), (first["result"].Str(), second["result"].Str()));
        Assert.Single(await http.HistoryAsync(id), h => h!["action"].Str() == "approved");
    }

    [Fact]
    public async Task Concurrent_double_clicks_make_one_transition_and_one_audit_entry()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var card = await http.CardVersionAsync(id);
        var clicks = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.DecideAsync(id, Dana, "approve", cardVersion: card)));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var results = await Task.WhenAll(clicks.Select(async c => (await c.ReadAsync(HttpStatusCode.OK))["result"].Str()));
        Assert.Single(results, r => r == "applied");
        Assert.Single(await http.HistoryAsync(id), h => h!["toStatus"]?.GetValue<string>() == "Approved");
    }

    [Fact]
    public async Task Two_approvers_clicking_at_once_one_wins_and_the_other_is_told_who()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        var card = await http.CardVersionAsync(id);
        var clicks = await Task.WhenAll(http.DecideAsync(id, Dana, "approve", cardVersion: card), http.DecideAsync(id, Sam, "reject", "No", card));
        var winner = Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.Conflict);
        var detail = (await loser.ReadAsync(HttpStatusCode.Conflict))["detail"].Str();
        Assert.Contains(winner == clicks[0] ? Dana : Sam, detail);
        Assert.Equal(winner == clicks[0] ? "Approved" : "Rejected", await http.StatusAsync(id));
        Assert.Equal(3, (await http.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task A_click_on_a_card_for_a_step_already_decided_says_so()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000);
        var stepOne = await http.CardVersionAsync(id);
        await (await http.DecideAsync(id, Dana, "approve", cardVersion: stepOne)).ReadAsync(HttpStatusCode.OK);
        var stale = await (await http.DecideAsync(id, Fin, "approve", cardVersion: stepOne)).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains($"already approved by {Dana}", stale["detail"].Str());
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
    }

    [Fact]
    public async Task Deciding_an_invoice_that_waits_for_nobody_is_409()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        var problem = await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("Draft", problem["detail"].Str());
        var bad = await (await http.DecideAsync(id, Dana, "maybe")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]?["decision"]);
    }
}
