using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Teams;

/// <summary>What people do in Teams: click Approve or Reject, refresh a card, ask the bot, install or remove it.</summary>
public sealed class TeamsBotTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Approve_invoke_is_stored_answered_with_the_refreshed_card_and_decided_right_after()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var response = await host.SendAsync(host.Invoke("i-1", "approve", id, version, "aad-dana"));

        var body = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"].Str());
        var card = body["value"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"].Str());
        Assert.DoesNotContain("\"verb\":\"approve\"", card.ToJsonString());
        Assert.Contains("is recorded", card.ToJsonString());
        // Answered once stored: the decision itself is the outbox's, a moment later (here: the test's drain).
        var stored = await host.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "teams.decision").ToListAsync());
        Assert.Single(stored);
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
        await host.DrainAsync();
        Assert.Contains(await host.Http.StatusAsync(id), new[] { "Approved", "Sent" }); // the same drain may email it
        Assert.Contains(await host.Http.HistoryAsync(id), h => h!["action"].Str() == "approved" && h["channel"].Str() == "teams");
    }

    [Fact]
    public async Task A_redelivered_approve_invoke_is_stored_and_decided_once()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        var click = host.Invoke("i-twice", "approve", id, version, "aad-dana");

        var answers = await Task.WhenAll(host.SendAsync(click.DeepClone().AsObject()), host.SendAsync(click.DeepClone().AsObject()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await host.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "teams.decision").ToListAsync()));
        await host.DrainAsync();
        Assert.Single(await host.Http.HistoryAsync(id), h => h!["action"].Str() == "approved");
    }

    [Fact]
    public async Task Reject_invoke_carries_the_reason_from_the_card_input()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var body = await (await host.SendAsync(host.Invoke("i-1", "reject", id, version, "aad-sam", reason: "Wrong hourly rate"))).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("rejection of", body["value"]!.ToJsonString());
        await host.DrainAsync();

        Assert.Equal("Rejected", await host.Http.StatusAsync(id));
        Assert.Contains(await host.Http.HistoryAsync(id), h => h!.ToJsonString().Contains("Wrong hourly rate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_teams_user_gets_a_card_saying_why_and_nothing_changes()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var body = await (await host.SendAsync(host.Invoke("i-1", "approve", id, version, "aad-stranger"))).ReadAsync(HttpStatusCode.OK);

        Assert.Contains("not linked to an approver", body["value"]!.ToJsonString());
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
    }

    [Fact]
    public async Task A_stale_click_is_refused_with_the_current_card()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var body = await (await host.SendAsync(host.Invoke("i-1", "approve", id, "1:999", "aad-dana"))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
        Assert.Equal("Attention", body["value"]!["body"]![0]!["color"].Str());
    }

    [Fact]
    public async Task The_action_submit_fallback_decides_and_replies_in_the_thread()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        var submit = host.Activity("message", "s-1", "aad-dana");
        submit["replyToId"] = "1";
        submit["value"] = new JsonObject { ["verb"] = "approve", ["invoiceId"] = id, ["cardVersion"] = version };

        (await host.SendAsync(submit)).EnsureSuccessStatusCode();

        Assert.Equal("Approved", await host.Http.StatusAsync(id));
        var reply = Assert.Single(host.Platform.CallsOf("POST"));
        Assert.Equal($"/v3/conversations/{TeamsHost.ApprovalChannel};messageid=1/activities/s-1", reply.Path);
        Assert.Equal("s-1", reply.Body["replyToId"].Str());
        Assert.StartsWith("Bearer bot-token-", reply.Authorization);
    }

    [Fact]
    public async Task Refresh_shows_approvers_their_buttons_and_everyone_else_the_outcome()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);

        var dana = (await (await host.SendAsync(host.Invoke("r-1", "refresh", id, version, "aad-dana"))).ReadAsync(HttpStatusCode.OK))["value"]!;
        var fin = (await (await host.SendAsync(host.Invoke("r-2", "refresh", id, version, "aad-fin"))).ReadAsync(HttpStatusCode.OK))["value"]!;

        Assert.Contains("\"verb\":\"approve\"", dana.ToJsonString());
        // Dana's Teams id came with her click; Sam has not been seen in Teams yet, so only Dana is listed.
        Assert.Equal(["29:user-aad-dana"], dana["refresh"]!["userIds"]!.AsArray().Select(u => u.Str()));
        Assert.DoesNotContain("\"verb\":\"approve\"", fin.ToJsonString());
        Assert.Contains("Waiting for step 1", fin.ToJsonString());
        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
    }

    [Theory]
    [InlineData("<at>Billing</at> pending", "pending")]
    [InlineData("help", "help")]
    [InlineData("<at>Billing</at> overdue", "overdue")]
    public async Task Questions_with_or_without_a_mention_are_answered_with_a_card_in_the_thread(string text, string expected)
    {
        await host.Http.SubmittedInvoiceAsync(5000m);

        var question = text.StartsWith("<at>", StringComparison.Ordinal) ? host.ChannelMessage("q-1", text) : host.Message("q-1", text);
        (await host.SendAsync(question)).EnsureSuccessStatusCode();

        var reply = Assert.Single(host.Platform.CallsOf("POST"));
        Assert.EndsWith("/activities/q-1", reply.Path);
        var attachment = reply.Body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"].Str());
        var card = attachment["content"]!.ToJsonString();
        switch (expected)
        {
            case "pending": Assert.StartsWith("Waiting for approval: 1 invoice", reply.Body["text"].Str()); break;
            case "overdue": Assert.Contains("Overdue: none.", card); break;
            default: Assert.Contains("status INV-2026-0001", card); break;
        }
    }

    [Fact]
    public async Task A_reply_that_fails_while_teams_waits_is_sent_by_the_outbox_instead_of_lost()
    {
        host.Platform.Failures.Enqueue(new(412));
        (await host.SendAsync(host.Message("q-1", "help"))).EnsureSuccessStatusCode();
        // Teams redelivering the activity changes nothing: it is recorded as handled.
        (await host.SendAsync(host.Message("q-1", "help"))).EnsureSuccessStatusCode();
        Assert.Single(host.Platform.CallsOf("POST"));

        await host.DrainAsync();

        var replies = host.Platform.CallsOf("POST");
        Assert.Equal(2, replies.Count);
        Assert.Equal(replies[0].Path, replies[1].Path);
        Assert.Contains("status INV-2026-0001", replies[1].Body["attachments"]![0]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task A_redelivered_activity_is_handled_once()
    {
        (await host.SendAsync(host.Message("dup-1", "help"))).EnsureSuccessStatusCode();
        (await host.SendAsync(host.Message("dup-1", "help"))).EnsureSuccessStatusCode();
        Assert.Single(host.Platform.CallsOf("POST"));
    }

    [Fact]
    public async Task Installing_the_bot_stores_the_conversation_and_removing_it_forgets_it()
    {
        var added = host.Activity("conversationUpdate", "cu-1");
        added["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel" };
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.BotId });
        (await host.SendAsync(added)).EnsureSuccessStatusCode();

        var stored = await host.App.WithDbAsync(db => db.ChatConversations.SingleAsync());
        Assert.Equal(("teams", "19:general@thread.tacv2", host.Platform.ServiceUrl, "channel", "Finance", "19:team@thread.tacv2"),
            (stored.Channel, stored.ConversationId, stored.Endpoint, stored.Scope, stored.Name, stored.TeamId));
        Assert.Null(stored.RemovedAt);

        var removed = host.Activity("conversationUpdate", "cu-2");
        removed["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel" };
        removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = TeamsHost.BotId });
        (await host.SendAsync(removed)).EnsureSuccessStatusCode();

        Assert.NotNull((await host.App.WithDbAsync(db => db.ChatConversations.SingleAsync())).RemovedAt);
    }

    [Fact]
    public async Task A_person_joining_a_team_is_not_an_installation()
    {
        var joined = host.Activity("conversationUpdate", "cu-1");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone" });
        (await host.SendAsync(joined)).EnsureSuccessStatusCode();
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatConversations.CountAsync()));
    }
}
