using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Teams;

/// <summary>What Teams sends in a real tenant: mentions and escaped text, tenants, installation upgrades.</summary>
public sealed class TeamsInboundTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>
    /// The shape of msteams-docs bots/how-to/conversations/channel-and-group-conversations.md ("Retrieve mentions", JSON
    /// tab): the mention in the text and in <c>entities</c>, here naming our bot as the recipient; Teams writes the space
    /// after a mention as <c>&amp;nbsp;</c>.
    /// </summary>
    private JsonObject DocsChannelMessage(string id, string text) => JsonNode.Parse($$"""
        {
          "type": "message", "id": "{{id}}",
          "text": {{JsonValue.Create(text).ToJsonString()}},
          "timestamp": "2017-10-29T00:51:05.9908157Z",
          "serviceUrl": "{{host.Platform.ServiceUrl}}",
          "channelId": "msteams",
          "from": { "id": "29:9e52142b-5e5e-4d7b-bb3e-e82dcf620000", "name": "Jane Smith", "aadObjectId": "aad-dana" },
          "conversation": { "id": "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype;messageid=1481567603816", "conversationType": "channel",
                            "tenantId": "{{TeamsHost.TenantId}}" },
          "recipient": { "id": "{{TeamsHost.BotId}}", "name": "ChatBilling" },
          "entities": [
            { "type": "mention", "mentioned": { "id": "{{TeamsHost.BotId}}", "name": "ChatBilling" }, "text": "<at>ChatBilling</at>" }
          ],
          "channelData": { "tenant": { "id": "{{TeamsHost.TenantId}}" }, "team": { "id": "19:team@thread.tacv2" } },
          "replyToId": "3UP4UTkzUk1zzeyW"
        }
        """)!.AsObject();

    [Theory]
    [InlineData("<at>ChatBilling</at>&nbsp;overdue")]
    [InlineData("<at>ChatBilling</at> overdue&nbsp;")]
    [InlineData("overdue <at>ChatBilling</at>")]
    public async Task Overdue_in_a_channel_is_answered_exactly_as_in_a_personal_chat(string channelText)
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        (await host.SendAsync(host.Message("p-1", "overdue"))).EnsureSuccessStatusCode();
        (await host.SendAsync(DocsChannelMessage("c-1", channelText))).EnsureSuccessStatusCode();

        var replies = host.Platform.CallsOf("POST");
        Assert.Equal(2, replies.Count);
        Assert.Equal(replies[0].Body["text"].Str(), replies[1].Body["text"].Str());
        Assert.Equal(replies[0].Body["attachments"]!.ToJsonString(), replies[1].Body["attachments"]!.ToJsonString());
        Assert.Contains("Overdue: none.", replies[1].Body["attachments"]![0]!["content"]!.ToJsonString());
    }

    [Theory]
    [InlineData("<at>ChatBilling</at>&nbsp;status&nbsp;INV-2026-0001", "status INV-2026-0001")]
    [InlineData("<at>ChatBilling</at> status INV&#8209;2026&#8209;0001", "status INV‑2026‑0001")]
    [InlineData("<at>ChatBilling</at> pending &amp; overdue &lt;now&gt;", "pending & overdue <now>")]
    public void Mentions_are_stripped_by_their_entities_and_html_entities_decoded(string text, string expected)
    {
        var activity = System.Text.Json.JsonSerializer.Deserialize<ChatBilling.Teams.Bot.Activity>(
            DocsChannelMessage("c-1", text).ToJsonString(), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(expected, ChatBilling.Teams.Bot.MessageText.Clean(activity));
    }

    [Fact]
    public void Someone_elses_mention_keeps_their_name_and_text_that_only_looks_like_a_mention_stays()
    {
        var activity = new ChatBilling.Teams.Bot.Activity
        {
            Text = "<at>ChatBilling</at> status for <at>Pranav Smith</at> &lt;at&gt;x&lt;/at&gt;",
            Recipient = new(TeamsHost.BotId, "ChatBilling", null),
            Entities =
            [
                new("mention", "<at>ChatBilling</at>", new(TeamsHost.BotId, "ChatBilling", null)),
                new("mention", "<at>@Pranav Smith</at>", new("29:08q2j2o3jc09au90eucae", "Pranav Smith", null)),
            ],
        };
        Assert.Equal("status for Pranav Smith <at>x</at>", ChatBilling.Teams.Bot.MessageText.Clean(activity));
    }

    [Fact]
    public async Task An_activity_from_a_foreign_tenant_is_refused_before_anything_is_read_or_stored()
    {
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        var foreign = "0c3f1e3a-0000-4000-8000-000000000bad";

        var click = host.Invoke("i-1", "approve", id, version, "aad-dana");
        click["channelData"]!["tenant"]!["id"] = foreign;
        click["conversation"]!["tenantId"] = foreign;
        var install = host.Activity("installationUpdate", "iu-1", tenantId: foreign);
        install["action"] = "add";

        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(click)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(install)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(host.Message("m-1", "overdue").Without("channelData").Without("conversation"))).StatusCode);

        Assert.Equal("PendingApproval", await host.Http.StatusAsync(id));
        Assert.Empty(host.Platform.Calls);
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatInboundEvents.CountAsync()));
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatConversations.CountAsync()));
        Assert.Equal(0, await host.App.WithDbAsync(db => db.ChatUsers.CountAsync()));
    }

    [Theory]
    [InlineData("add", "remove")]
    [InlineData("add-upgrade", "remove-upgrade")]
    public async Task Installation_updates_and_their_upgrades_store_the_installation_with_its_tenant_and_forget_it(string add, string remove)
    {
        var added = host.Activity("installationUpdate", "iu-1");
        added["action"] = add;
        added["conversation"]!["id"] = "19:general@thread.tacv2";
        (await host.SendAsync(added)).EnsureSuccessStatusCode();

        var stored = await host.App.WithDbAsync(db => db.ChatConversations.SingleAsync());
        Assert.Equal(("19:general@thread.tacv2", TeamsHost.TenantId), (stored.ConversationId, stored.TenantId));
        Assert.Null(stored.RemovedAt);

        var removed = host.Activity("installationUpdate", "iu-2");
        removed["action"] = remove;
        removed["conversation"]!["id"] = "19:general@thread.tacv2";
        (await host.SendAsync(removed)).EnsureSuccessStatusCode();
        Assert.NotNull((await host.App.WithDbAsync(db => db.ChatConversations.SingleAsync())).RemovedAt);
    }
}

/// <summary>Proactive posts go only to installations in allowed tenants.</summary>
public sealed class TeamsTenantPostTests
{
    [Fact]
    public async Task An_installation_in_a_tenant_no_longer_allowed_gets_no_cards()
    {
        const string other = "5d7e2f10-0000-4000-8000-0000000000aa";
        await using var host = new TeamsHost(app => app.With("Teams:ServiceUrl", "")
            .With("Teams:AllowedTenants:0", TeamsHost.TenantId).With("Teams:AllowedTenants:1", other));
        var install = host.Activity("installationUpdate", "iu-1", tenantId: other);
        install["action"] = "add";
        (await host.SendAsync(install)).EnsureSuccessStatusCode();
        await host.App.WithDbAsync(async db =>
        {
            // The operator takes the other tenant off the list: its stored installation must not be used any more.
            var row = await db.ChatConversations.SingleAsync();
            row.TenantId = "5d7e2f10-0000-4000-8000-0000000000ff";
            return await db.SaveChangesAsync();
        });

        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();

        Assert.Empty(host.Platform.Calls);
    }
}

internal static class JsonObjectEdits
{
    public static JsonObject Without(this JsonObject o, string property)
    {
        o.Remove(property);
        return o;
    }
}
