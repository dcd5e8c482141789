using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Teams;

/// <summary>What Teams will draw: images only over https, buttons that work on clients without Universal Actions.</summary>
public sealed class TeamsCardRulesTests : IAsyncLifetime
{
    private TeamsHost host = null!;

    public Task InitializeAsync()
    {
        host = new TeamsHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Without_an_https_public_base_url_the_card_leaves_the_image_out_and_keeps_open_pdf()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var card = Assert.Single(host.Platform.CallsOf("POST")).Body["activity"]!["attachments"]![0]!["content"]!.ToJsonString();
        Assert.DoesNotContain("\"type\":\"Image\"", card);
        Assert.Contains("\"title\":\"Open PDF\"", card);
    }

    [Fact]
    public async Task With_an_https_public_base_url_the_card_shows_the_preview_from_there()
    {
        await using var https = new TeamsHost(app => app.With("PublicBaseUrl", "https://billing.example.com"));
        await https.Http.SubmittedInvoiceAsync(5000m);
        await https.DrainAsync();
        var body = Assert.Single(https.Platform.CallsOf("POST")).Body["activity"]!["attachments"]![0]!["content"]!["body"]!.AsArray();
        var image = Assert.Single(body, e => e!["type"].Str() == "Image")!;
        Assert.StartsWith("https://billing.example.com/d/", image["url"].Str());
        Assert.EndsWith("/preview.png", image["url"].Str());
    }

    /// <summary>
    /// msteams-docs task-modules-and-cards/cards/cards-reference.md: Teams supports Adaptive Card features of v1.5 or
    /// earlier for bot-sent cards; Work-with-universal-actions-for-adaptive-cards.md: Action.Execute and refresh need
    /// 1.4, and "to ensure maximum compatibility in Teams, define Action.Execute with an Action.Submit in the fallback
    /// property", which clients too old for Universal Actions (older mobile builds among them) render instead.
    /// </summary>
    [Fact]
    public async Task Approve_and_reject_fall_back_to_action_submit_on_clients_without_universal_actions()
    {
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();
        var card = Assert.Single(host.Platform.CallsOf("POST")).Body["activity"]!["attachments"]![0]!["content"]!;
        Assert.True(Version.Parse(card["version"].Str()) is { Major: 1, Minor: >= 4 and <= 5 });
        var executes = Descendants(card)
            .Where(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["verb"]?.GetValue<string>() is "approve" or "reject").ToList();
        Assert.Equal(["approve", "reject"], executes.Select(e => e["verb"].Str()).Order());
        foreach (var execute in executes)
        {
            var fallback = execute["fallback"]!;
            Assert.Equal("Action.Submit", fallback["type"].Str());
            Assert.Equal(execute["verb"].Str(), fallback["data"]!["verb"].Str());
            Assert.Equal(execute["data"]!["cardVersion"].Str(), fallback["data"]!["cardVersion"].Str());
        }
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o) if (child is not null) foreach (var d in Descendants(child)) yield return d;
        }
        else if (node is JsonArray a)
            foreach (var child in a) if (child is not null) foreach (var d in Descendants(child)) yield return d;
    }
}
