using System.Net;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>Submitting shows the steps and the people who can decide each, by name.</summary>
public sealed class RouteTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_submit_response_shows_each_step_and_who_can_decide_it()
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(Rest.Invoice(clientId, unitPrice: 21000m)))["id"].Str();

        var submitted = await (await http.PostAsync($"/api/invoices/{id}/submit", null)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", submitted["status"].Str());
        var route = submitted["route"]!.AsArray();
        Assert.Equal(["approver", "finance"], route.Select(s => s!["role"].Str()));
        Assert.Equal(["Dana Approver", "Sam Second"], route[0]!["deciders"]!.AsArray().Select(n => n.Str()));
        Assert.Equal(["Fin Manager"], route[1]!["deciders"]!.AsArray().Select(n => n.Str()));
        Assert.DoesNotContain("@", submitted["route"]!.ToJsonString());
    }

    [Fact]
    public async Task The_approvals_response_names_who_can_decide_the_steps_still_waiting()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000);
        await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);

        var steps = await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync();
        Assert.Empty(steps[0]!["deciders"]!.AsArray());
        Assert.Equal(["Fin Manager"], steps[1]!["deciders"]!.AsArray().Select(n => n.Str()));
        Assert.Equal((1, 1), (steps[1]!["roleCount"]!.GetValue<int>(), steps[1]!["stillNeeded"]!.GetValue<int>()));
    }
}
