using System.Net;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>A rule step of <c>{ "role": "finance", "count": 2 }</c> needs two distinct finance people; cards and the API say how many more.</summary>
public sealed class CountedStepTests : IAsyncLifetime
{
    private const string Fran = "fran@example.com";

    private readonly SlackHarness slack = new(configure: app => app
        .With("Approvals:Approvers:3:Name", "Fran Finance").With("Approvals:Approvers:3:Email", Fran)
        .With("Approvals:Approvers:3:Roles:0", "finance")
        .With("Approvals:Rules:0:MinAmount", "1000")
        .With("Approvals:Rules:0:Steps:0:Role", "approver")
        .With("Approvals:Rules:0:Steps:1:Role", "finance").With("Approvals:Rules:0:Steps:1:Count", "2"));

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task Two_of_finance_needs_two_different_finance_people_and_the_card_counts_down()
    {
        var http = slack.Http;
        var (id, _) = await slack.PostedInvoiceAsync(5000m);
        await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);

        var steps = await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync();
        Assert.Equal(["approver", "finance", "finance"], steps.Select(s => s!["role"].Str()));
        Assert.Equal((2, 2), (steps[1]!["roleCount"]!.GetValue<int>(), steps[1]!["stillNeeded"]!.GetValue<int>()));
        Assert.Equal(["Fin Manager", "Fran Finance"], steps[1]!["deciders"]!.AsArray().Select(n => n.Str()));
        await slack.DrainAsync();
        Assert.Contains("2 more of 2 finance needed", slack.Slack.Of("chat.update").Last().Args.ToJsonString());

        await (await http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
        await slack.DrainAsync();
        Assert.Contains("1 more of 2 finance needed", slack.Slack.Of("chat.update").Last().Args.ToJsonString());
        // The same person cannot count twice.
        var again = await (await http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("alreadyDecided", again["result"].Str());
        Assert.Equal("PendingApproval", await http.StatusAsync(id));

        await (await http.DecideAsync(id, Fran, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.NotEqual("PendingApproval", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_rule_with_roles_still_means_one_person_per_role()
    {
        using var app = new BillingApp().WithApprovers();
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000);
        var steps = await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync();
        Assert.Equal(["approver", "finance"], steps.Select(s => s!["role"].Str()));
        Assert.All(steps, s => Assert.Equal(1, s!["roleCount"]!.GetValue<int>()));
    }
}
