using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>The approval card's preview never depends on Slack reaching our host.</summary>
public sealed class SlackPreviewTests : IAsyncLifetime
{
    private readonly SlackHarness slack = new();

    public Task InitializeAsync() => slack.InitializeAsync();

    public Task DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task The_card_shows_the_frozen_preview_uploaded_to_Slack_rather_than_a_link_to_our_host()
    {
        var (id, _) = await slack.PostedInvoiceAsync();

        var card = Assert.Single(slack.Slack.Of("chat.postMessage"));
        var image = card.Args["blocks"]!.AsArray().Single(b => b!["type"].Str() == "image")!;
        Assert.Null(image["image_url"]);
        var fileId = image["slack_file"]!["id"].Str();
        var frozen = await slack.App.WithDbAsync(db => db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == Guid.Parse(id)).Select(d => d.PreviewPng).SingleAsync());
        Assert.Equal(frozen, slack.Slack.Uploads[fileId]);
        var asked = Assert.Single(slack.Slack.Of("files.getUploadURLExternal"), c => c.Args["filename"].Str().EndsWith(".png", StringComparison.Ordinal));
        Assert.Equal("First page of invoice INV-2026-0001", asked.Args["alt_txt"].Str());
        // Completed without a channel: the preview is not posted as a message of its own.
        var completed = Assert.Single(slack.Slack.Of("files.completeUploadExternal"), c => c.Args["files"].Str().Contains(fileId));
        Assert.Null(completed.Args["channel_id"]);
    }

    [Fact]
    public async Task A_card_updated_while_still_pending_shows_the_preview_already_uploaded_instead_of_uploading_it_again()
    {
        // Over 25,000: approver then finance, so after Dana's approval the card is updated and still asks for a decision.
        var (_, value) = await slack.PostedInvoiceAsync(total: 26000m);
        var fileId = Assert.Single(slack.Slack.Of("chat.postMessage")).Args["blocks"]!.AsArray()
            .Single(b => b!["type"].Str() == "image")!["slack_file"]!["id"].Str();

        await slack.ClickAsync(DanaUser, "approve", value, "t-preview-approve");
        await slack.DrainAsync();

        var update = Assert.Single(slack.Slack.Of("chat.update"));
        var image = update.Args["blocks"]!.AsArray().Single(b => b!["type"].Str() == "image")!;
        Assert.Equal(fileId, image["slack_file"]!["id"].Str());
        Assert.Single(slack.Slack.Of("files.getUploadURLExternal"), c => c.Args["filename"].Str().EndsWith(".png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resubmitted_invoice_shows_the_preview_of_its_new_document_not_the_first_rounds()
    {
        var (id, _) = await slack.PostedInvoiceAsync();
        (await slack.Http.DecideAsync(id, ApprovalFixture.Dana, "reject", "Rate is wrong")).EnsureSuccessStatusCode();
        var clientId = (await (await slack.Http.GetAsync($"/api/invoices/{id}")).ReadAsync(System.Net.HttpStatusCode.OK))["clientId"].Str();
        (await slack.Http.PutAsJsonAsync($"/api/invoices/{id}", Rest.Invoice(clientId, unitPrice: 4500))).EnsureSuccessStatusCode();
        (await slack.Http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        // Past the channel's pacing turn (one message a second), so the new card is not held for it.
        slack.App.Clock.Advance(TimeSpan.FromMinutes(1));
        await slack.DrainAsync();

        var cards = slack.Slack.Of("chat.postMessage")
            .Where(c => c.Args["blocks"]?.AsArray().Any(b => b!["type"].Str() == "image") == true).ToList();
        Assert.Equal(2, cards.Count);
        var files = cards.Select(c => c.Args["blocks"]!.AsArray().Single(b => b!["type"].Str() == "image")!["slack_file"]!["id"].Str()).ToList();
        Assert.NotEqual(files[0], files[1]);
        var frozen = await slack.App.WithDbAsync(db => db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == Guid.Parse(id)).Select(d => d.PreviewPng).SingleAsync());
        Assert.Equal(frozen, slack.Slack.Uploads[files[1]]);
        Assert.NotEqual(slack.Slack.Uploads[files[0]], slack.Slack.Uploads[files[1]]);
    }

    [Fact]
    public async Task When_Slack_still_refuses_the_image_the_card_is_posted_without_it()
    {
        slack.Slack.RefuseSlackFiles = true;

        var (id, value) = await slack.PostedInvoiceAsync();

        var posts = slack.Slack.Of("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Contains("\"slack_file\"", posts[0].Args["blocks"]!.ToJsonString());
        Assert.DoesNotContain("\"image\"", posts[1].Args["blocks"]!.ToJsonString());
        Assert.Contains("\"actions\"", posts[1].Args["blocks"]!.ToJsonString());
        Assert.Equal(OutboxStatus.Done, (await slack.OutboxAsync()).Single(m => m.Kind == "chat.approval.post").Status);
        Assert.Equal(id, (await slack.App.WithDbAsync(db => db.ChatPosts.SingleAsync())).InvoiceId.ToString());
        Assert.Contains(id, value);
    }

    [Fact]
    public async Task When_Slack_refuses_the_upload_itself_the_card_goes_without_the_image()
    {
        slack.Slack.FailNext("files.getUploadURLExternal", "file_uploads_disabled");

        await slack.PostedInvoiceAsync();

        var card = Assert.Single(slack.Slack.Of("chat.postMessage"));
        Assert.DoesNotContain("\"image\"", card.Args["blocks"]!.ToJsonString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/d/token/preview.png")]
    [InlineData("http://localhost:5000/d/token/preview.png")]
    [InlineData("https://10.1.2.3/d/token/preview.png")]
    public async Task The_fake_like_Slack_refuses_an_image_url_it_cannot_download(string url)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, slack.Slack.BaseUrl + "chat.postMessage")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["channel"] = ApprovalChannel, ["text"] = "x",
                ["blocks"] = new JsonArray(new JsonObject { ["type"] = "image", ["image_url"] = url, ["alt_text"] = "preview" }),
            }),
        };
        request.Headers.Authorization = new("Bearer", FakeSlackApi.BotToken);

        var answer = await (await http.SendAsync(request)).ReadAsync(System.Net.HttpStatusCode.OK);

        Assert.Equal("invalid_blocks", answer["error"].Str());
        Assert.Contains("downloading image failed", answer["response_metadata"]!["messages"]![0].Str());
    }
}
