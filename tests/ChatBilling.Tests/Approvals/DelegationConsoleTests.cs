using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Teams;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>Delegation from the console (always one's own approvals) and from Teams (<c>delegate Sam Second until …</c>).</summary>
public sealed class DelegationConsoleTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");

    public void Dispose() => app.Dispose();

    private static HttpRequestMessage Post(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Http();
        (await http.SendAsync(Post("/console/api/sign-in", new { email }))).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task An_approver_delegates_their_own_approvals_the_delegate_sees_the_buttons_and_the_approver_ends_it()
    {
        var dana = await SignedInAsync(Dana);
        // "from" is whoever is signed in, whatever the body says.
        var made = await (await dana.SendAsync(Post("/console/api/delegations", new { from = Sam, to = "Fin Manager", endsOn = "2026-12-24", note = "Holiday" })))
            .ReadAsync(HttpStatusCode.Created);
        Assert.Equal((Dana, Fin, "console", "Holiday"), (made["from"].Str(), made["to"].Str(), made["channel"].Str(), made["note"].Str()));

        var id = await app.Http().SubmittedInvoiceAsync(5000m);
        var fin = await SignedInAsync(Fin);
        var inbox = await (await fin.GetAsync("/console/api/inbox")).ReadArrayAsync();
        Assert.True(inbox.Single(c => c!["invoiceId"].Str() == id)!["canDecide"]!.GetValue<bool>());
        // The invoice page follows the same rule as the inbox: Approve / Reject for the delegate too.
        var page = await (await fin.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.True(page["can"]!["decide"]!.GetValue<bool>());
        Assert.True(page["steps"]![0]!["youMayDecide"]!.GetValue<bool>());
        Assert.Single(await (await fin.GetAsync("/console/api/delegations")).ReadArrayAsync());

        // Fin may not end Dana's delegation; Dana may.
        await (await fin.SendAsync(Post($"/console/api/delegations/{made["id"].Str()}/end"))).ReadAsync(HttpStatusCode.Forbidden);
        await (await dana.SendAsync(Post($"/console/api/delegations/{made["id"].Str()}/end"))).ReadAsync(HttpStatusCode.OK);
        inbox = await (await fin.GetAsync("/console/api/inbox")).ReadArrayAsync();
        Assert.False(inbox.Single(c => c!["invoiceId"].Str() == id)!["canDecide"]!.GetValue<bool>());
        page = await (await fin.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.False(page["can"]!["decide"]!.GetValue<bool>());
        Assert.Contains("does not hold the approver role", page["steps"]![0]!["whyNotYou"].Str());
    }

    [Fact]
    public async Task The_console_refuses_delegating_to_oneself_with_a_field_error()
    {
        var dana = await SignedInAsync(Dana);
        var problem = await (await dana.SendAsync(Post("/console/api/delegations", new { to = "@dana", endsOn = "2026-12-24" })))
            .ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("yourself", problem["errors"]!["to"]![0].Str());
        Assert.Empty(await (await dana.GetAsync("/console/api/delegations")).ReadArrayAsync());
    }
}

/// <summary>Teams: the same command as Slack, typed to the bot; an @mention of the colleague arrives as their name.</summary>
public sealed class DelegationTeamsTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Delegate_typed_in_teams_sets_it_and_the_reply_says_so()
    {
        var message = host.Message("m-del", "<at>Sam Second</at> until 2026-12-24");
        message["text"] = "delegate <at>Sam Second</at> until 2026-12-24";
        message["entities"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>Sam Second</at>",
            ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:sam", ["name"] = "Sam Second" },
        });
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(message)).StatusCode);

        var reply = host.Platform.CallsOf("POST").Last();
        Assert.Contains("Done: Sam Second decides your approvals from 2026-11-22 to 2026-12-24", reply.Body["text"].Str());
        var list = await (await host.Http.GetAsync($"/api/delegations?person={Dana}")).ReadArrayAsync();
        Assert.Equal((Sam, "teams"), (Assert.Single(list)!["to"].Str(), list[0]!["channel"].Str()));
    }

    [Fact]
    public async Task Delegating_in_a_circle_from_teams_is_refused_and_sets_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-1", "delegate dana@example.com until 2026-12-24", "aad-sam"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("m-2", "delegate Sam until 2026-12-24"))).StatusCode);

        Assert.Contains("circle", host.Platform.CallsOf("POST").Last().Body["text"].Str());
        Assert.Single(await (await host.Http.GetAsync("/api/delegations")).ReadArrayAsync());
    }
}
