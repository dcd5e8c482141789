using System.Net;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Cards;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Slack.SlackHarness;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// Drives the bot through every kind of message it sends to Slack, then hands exactly what the fake received (and the
/// slash command responses) to Slack's Block Kit types compiled by TypeScript (tools/cards-check/check-slack-sent.mjs).
/// </summary>
public sealed class SlackSentMessageChecks : IAsyncLifetime
{
    private static readonly string[] BlockKitMethods = ["chat.postMessage", "chat.update", "chat.postEphemeral", "views.open"];

    private readonly SlackHarness slack = new();
    private readonly string dir = Directory.CreateTempSubdirectory("chatbilling-slack-sent-").FullName;

    public Task InitializeAsync() => slack.InitializeAsync();

    public async Task DisposeAsync()
    {
        await slack.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Every_message_the_bot_sent_type_checks_against_Slacks_Block_Kit_types()
    {
        var responses = await DriveEverythingAsync();
        var files = slack.Slack.Calls.Where(c => BlockKitMethods.Contains(c.Method)).Select(c => (c.Method, c.Args))
            .Concat(responses.Select(r => ("command.response", r)))
            .Select((call, i) =>
            {
                var path = Path.Combine(dir, $"sent-{i:D3}-{call.Item1.Replace('.', '-')}.json");
                File.WriteAllText(path, new JsonObject { ["method"] = call.Item1, ["args"] = call.Item2.DeepClone() }.ToJsonString());
                return path;
            }).ToList();
        // Every kind was exercised, so the check cannot pass by having nothing to look at.
        Assert.All(BlockKitMethods, m => Assert.NotEmpty(slack.Slack.Of(m)));
        await NodeTools.EnsureInstalledAsync();

        var (exitCode, output) = await NodeTools.RunAsync("node", ["tools/cards-check/check-slack-sent.mjs", .. files]);

        Assert.True(exitCode == 0, $"check-slack-sent.mjs found problems:\n{output}");
        Assert.Contains($"{files.Count} call(s) checked, 0 problem(s)", output);
    }

    /// <summary>
    /// Cards, updates, the modal, ephemeral replies, a reminder, the digest and every answer. Posts into one channel
    /// are a fake second apart, since the bot paces itself per channel.
    /// </summary>
    private async Task<List<JsonObject>> DriveEverythingAsync()
    {
        var (approvedId, approveValue) = await slack.PostedInvoiceAsync();
        await Step();
        var (_, rejectValue) = await slack.PostedInvoiceAsync(6000m);
        await Step();
        (await slack.ClickAsync(DanaUser, "approve", approveValue, "t-check-1")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(Stranger, "approve", rejectValue, "t-check-2")).EnsureSuccessStatusCode();
        (await slack.ClickAsync(SamUser, "reject", rejectValue, "t-check-3")).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync("views.open");
        (await slack.SubmitReasonAsync(SamUser, "V0CHECK", "Wrong rate")).EnsureSuccessStatusCode();
        await Step();
        await slack.PostedInvoiceAsync(7000m);
        // Past the approved invoice's due date, so "overdue" has rows; past the third card's deadline for a reminder.
        slack.App.Clock.Advance(TimeSpan.FromDays(40));
        await slack.RunAsync("escalations");
        await slack.RunAsync("digest");
        await Step();
        var number = (await (await slack.Http.GetAsync($"/api/invoices/{approvedId}")).ReadAsync(HttpStatusCode.OK))["number"].Str();
        string[] questions = ["help", "pending", "overdue", $"status {number}", "what is the weather"];
        for (var i = 0; i < questions.Length; i++)
            (await slack.PostEventAsync(new
            {
                type = "event_callback", event_id = $"Ev0CHECK{i}",
                @event = new { type = "app_mention", user = DanaUser, text = $"<@U0BOT> {questions[i]}", ts = $"1763802999.00000{i}", channel = $"C0ASK{i}" },
            })).EnsureSuccessStatusCode();
        await Step();

        var responses = new List<JsonObject>();
        foreach (var question in questions.Append("overdue public"))
            responses.Add(await (await slack.CommandAsync(question)).ReadAsync(HttpStatusCode.OK));
        return responses;
    }

    private async Task Step()
    {
        await slack.DrainAsync();
        slack.App.Clock.Advance(TimeSpan.FromSeconds(2));
        await slack.DrainAsync();
    }
}
