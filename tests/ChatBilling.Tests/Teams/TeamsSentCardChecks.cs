using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Cards;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Teams;

/// <summary>
/// Drives the bot through every kind of card it sends to Teams (proactive posts, updates, invoke answers, replies to
/// questions, a thread reminder, the digest), then hands exactly what the fake connector received and what the
/// invokes answered to Microsoft's Adaptive Cards SDK (tools/cards-check/check-teams.mjs). Also checks that every
/// connector call carried a token the platform issued: the fake refuses anything else, like the real connector.
/// </summary>
public sealed class TeamsSentCardChecks : IAsyncLifetime
{
    private const string CardType = "application/vnd.microsoft.card.adaptive";
    // https, so the approval cards carry their preview image too (Teams draws images from https only).
    private readonly TeamsHost host = new(app => app.With("PublicBaseUrl", "https://billing.example.com"));
    private readonly string dir = Directory.CreateTempSubdirectory("chatbilling-teams-sent-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Every_card_the_bot_sent_passes_the_Adaptive_Cards_SDK()
    {
        var answered = await DriveEverythingAsync();
        var sent = host.Platform.Calls.SelectMany(c => c.Body["attachments"]?.AsArray() ?? c.Body["activity"]?["attachments"]?.AsArray() ?? [])
            .Where(a => a?["contentType"]?.GetValue<string>() == CardType).Select(a => a!["content"]!.AsObject()).ToList();
        var cards = sent.Concat(answered).ToList();
        var files = cards.Select((card, i) =>
        {
            var path = Path.Combine(dir, $"teams-sent-{i:D3}.json");
            File.WriteAllText(path, card.ToJsonString());
            return path;
        }).ToList();
        // Posts, updates and replies all carried cards, so the check cannot pass by having nothing to look at.
        Assert.NotEmpty(host.Platform.CallsOf("PUT"));
        Assert.True(sent.Count >= 8, $"only {sent.Count} cards were sent");
        Assert.Equal(0, host.Platform.RefusedCalls);
        await NodeTools.EnsureInstalledAsync();

        var (exitCode, output) = await NodeTools.RunAsync("node", ["tools/cards-check/check-teams.mjs", .. files]);

        Assert.True(exitCode == 0, $"check-teams.mjs found problems:\n{output}");
        Assert.Contains($"{files.Count} card(s) checked, 0 problem(s)", output);
    }

    [Fact]
    public async Task The_fake_connector_refuses_a_token_its_platform_did_not_issue()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Platform.ServiceUrl + "v3/conversations") { Content = Rest.Json("{}") };
        request.Headers.Authorization = new("Bearer", "bot-token-1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        Assert.Empty(host.Platform.Calls);
    }

    /// <summary>The invoke answers' cards, after driving posts, decisions, a stale click, questions, a reminder and the digest.</summary>
    private async Task<List<JsonObject>> DriveEverythingAsync()
    {
        var answers = new List<JsonObject>();
        async Task InvokeAsync(JsonObject activity) =>
            answers.Add((await (await host.SendAsync(activity)).ReadAsync(HttpStatusCode.OK))["value"]!.AsObject());

        var approved = await host.Http.SubmittedInvoiceAsync(5000m);
        var rejected = await host.Http.SubmittedInvoiceAsync(6000m);
        var waiting = await host.Http.SubmittedInvoiceAsync(30000m);
        await host.DrainMovingClockAsync();
        await InvokeAsync(host.Invoke("i-refresh", "refresh", waiting, await host.Http.CardVersionAsync(waiting), "aad-fin"));
        await InvokeAsync(host.Invoke("i-approve", "approve", approved, await host.Http.CardVersionAsync(approved), "aad-dana"));
        await InvokeAsync(host.Invoke("i-stranger", "approve", rejected, await host.Http.CardVersionAsync(rejected), "aad-stranger"));
        await InvokeAsync(host.Invoke("i-reject", "reject", rejected, await host.Http.CardVersionAsync(rejected), "aad-sam", reason: "Wrong rate"));
        await InvokeAsync(host.Invoke("i-stale", "approve", waiting, "1:999", "aad-dana"));
        await host.DrainMovingClockAsync();

        // Past the first invoice's due date, so "overdue" has rows, and past the waiting card's deadline for a reminder.
        host.App.Clock.Advance(TimeSpan.FromDays(40));
        (await host.Http.PostAsync("/api/jobs/escalations/run", null)).EnsureSuccessStatusCode();
        (await host.Http.PostAsync("/api/jobs/digest/run", null)).EnsureSuccessStatusCode();
        string[] questions = ["help", "pending", "overdue", "status INV-2026-0001", "<at>Billing</at> what is the weather"];
        for (var i = 0; i < questions.Length; i++)
            (await host.SendAsync(host.Message($"m-{i}", questions[i]))).EnsureSuccessStatusCode();
        await host.DrainMovingClockAsync();
        return answers;
    }
}
