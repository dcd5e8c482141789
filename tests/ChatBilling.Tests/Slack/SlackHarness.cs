using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Inbound;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Slack;

/// <summary>
/// The real host with Slack switched on against <see cref="FakeSlackApi"/>, and requests signed the way Slack signs
/// them. Dana, Sam and Fin (see <see cref="ApprovalFixture"/>) are linked to Slack users; <see cref="Stranger"/> is not.
/// </summary>
/// <param name="backgroundDrains">Runs the host's own schedules and drains, as in production, instead of tests draining.</param>
/// <param name="socketMode">Sets <c>Slack:AppToken</c>, so the host connects to the fake's Socket Mode end.</param>
/// <param name="requestUrls">Sets the signing secret, so the signed request URLs exist.</param>
/// <param name="configure">More settings for the host, before it starts.</param>
public sealed class SlackHarness(bool backgroundDrains = false, bool socketMode = false, bool requestUrls = true,
    Action<BillingApp>? configure = null) : IAsyncLifetime
{
    public const string SigningSecret = "test-signing-secret-0123456789";
    public const string ApprovalChannel = "C0APPROVALS";
    public const string DigestChannel = "C0DIGEST";
    public const string DanaUser = "U0DANA";
    public const string SamUser = "U0SAM";
    public const string FinUser = "U0FIN";
    public const string Stranger = "U0STRANGER";

    public FakeSlackApi Slack { get; private set; } = null!;
    public BillingApp App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackApi.StartAsync();
        App = new BillingApp().WithApprovers()
            .With("Approvals:Approvers:0:SlackUserId", DanaUser)
            .With("Approvals:Approvers:1:SlackUserId", SamUser)
            .With("Approvals:Approvers:2:SlackUserId", FinUser)
            .With("Slack:SigningSecret", requestUrls ? SigningSecret : null)
            .With("Slack:AppToken", socketMode ? FakeSocketMode.AppToken : null)
            .With("Slack:BotToken", FakeSlackApi.BotToken)
            .With("Slack:ApiBaseUrl", Slack.BaseUrl)
            .With("Slack:ApprovalChannel", ApprovalChannel)
            .With("Slack:DigestChannel", DigestChannel);
        if (backgroundDrains) App.With("Jobs:Schedule", "true");
        configure?.Invoke(App);
        Http = App.Http();
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Slack.DisposeAsync();
    }

    public Task DrainAsync() => RunAsync("sends");

    public async Task RunAsync(string job) => (await Http.PostAsync($"/api/jobs/{job}/run", null)).EnsureSuccessStatusCode();

    /// <summary>A submitted invoice whose card is posted into Slack; returns its id and the Approve button's value.</summary>
    public async Task<(string Id, string ButtonValue)> PostedInvoiceAsync(decimal total = 5000m)
    {
        var id = await Http.SubmittedInvoiceAsync(total);
        await DrainAsync();
        // With background drains the commit's own kick may hold the card's lease while the drain above finds nothing.
        if (backgroundDrains) await EventuallyAsync(() => Task.FromResult(Slack.Of("chat.postMessage").Any(IsCard)));
        var card = Slack.Of("chat.postMessage").Last(c => c.Args["channel"]?.ToString() == ApprovalChannel && c.Args["blocks"] is not null);
        var buttons = card.Args["blocks"]!.AsArray().Single(b => b!["type"]!.ToString() == "actions")!["elements"]!.AsArray();
        return (id, buttons.Single(b => b!["action_id"]!.ToString() == "approve")!["value"]!.ToString());
    }

    /// <summary>Posts a body signed with <paramref name="secret"/> at <paramref name="timestamp"/> (the fake clock's now by default).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType,
        long? timestamp = null, string? secret = null, Action<HttpRequestMessage>? adjust = null)
    {
        var stamp = (timestamp ?? App.Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, stamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(secret ?? SigningSecret, stamp, Encoding.UTF8.GetBytes(body)));
        adjust?.Invoke(request);
        return Http.SendAsync(request);
    }

    /// <summary>An app_mention as the Events API delivers it (<c>event_callback</c>).</summary>
    public static object Mention(string eventId, string text, string user = DanaUser, string channel = ApprovalChannel, string ts = "1763802000.000500") =>
        new { type = "event_callback", event_id = eventId, @event = new { type = "app_mention", user, text, ts, channel } };

    public Task<HttpResponseMessage> PostEventAsync(object payload, Action<HttpRequestMessage>? adjust = null) =>
        PostSignedAsync("/slack/events", JsonSerializer.Serialize(payload), "application/json", adjust: adjust);

    public Task<HttpResponseMessage> PostInteractionAsync(object payload) =>
        PostSignedAsync("/slack/interactions", Form(("payload", JsonSerializer.Serialize(payload))), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> ClickAsync(string userId, string actionId, string buttonValue, string triggerId) =>
        PostInteractionAsync(new
        {
            type = "block_actions", trigger_id = triggerId, user = new { id = userId, username = userId.ToLowerInvariant() },
            channel = new { id = ApprovalChannel }, container = new { type = "message", channel_id = ApprovalChannel, message_ts = "1763802000.000001" },
            actions = new[] { new { action_id = actionId, block_id = "decision", type = "button", value = buttonValue } },
            response_url = "https://hooks.slack.com/actions/T0/1/x",
        });

    /// <summary>Submits the reject modal Slack was asked to open (the view from the last views.open) with a reason.</summary>
    public Task<HttpResponseMessage> SubmitReasonAsync(string userId, string viewId, string? reason)
    {
        var opened = Slack.Of("views.open").Last().Args["view"]!;
        return PostInteractionAsync(new
        {
            type = "view_submission", user = new { id = userId },
            view = new
            {
                id = viewId, callback_id = opened["callback_id"]!.ToString(), private_metadata = opened["private_metadata"]!.ToString(),
                state = new { values = new { reason = new { reason = new { type = "plain_text_input", value = reason } } } },
            },
        });
    }

    public Task<HttpResponseMessage> CommandAsync(string text, string userId = DanaUser) =>
        PostSignedAsync("/slack/commands", Form(("command", "/billing"), ("text", text), ("user_id", userId),
            ("channel_id", ApprovalChannel), ("response_url", "https://hooks.slack.com/commands/T0/1/x"), ("trigger_id", "t-cmd")),
            "application/x-www-form-urlencoded");

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

    public Task<List<OutboxMessage>> OutboxAsync() => App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());

    /// <summary>Waits (polling, real time) for the background modal opener; fails the test after 10 s.</summary>
    public async Task<FakeSlackApi.Call> WaitForCallAsync(string method, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Slack.Of(method).Count < count)
            await Task.Delay(20, timeout.Token);
        return Slack.Of(method)[count - 1];
    }

    /// <summary>Waits (polling, real time) for the host to get somewhere on its own; fails the test after 10 s.</summary>
    private static bool IsCard(FakeSlackApi.Call c) => c.Args["channel"]?.ToString() == ApprovalChannel && c.Args["blocks"] is not null;

    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition()) await Task.Delay(20, timeout.Token);
    }

    public static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Every <c>text</c> string under a node, one a line: what a person reads (ToJsonString escapes &amp;, &lt; and …).</summary>
    public static string TextOf(JsonNode? node) => string.Join('\n', Texts(node));

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}
