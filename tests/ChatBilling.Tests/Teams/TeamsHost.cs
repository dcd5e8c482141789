using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Teams;

/// <summary>
/// The product with Teams switched on against a <see cref="FakeBotPlatform"/>: Dana, Sam and Fin of
/// <see cref="ApprovalFixture"/> are linked to Teams users aad-dana, aad-sam and aad-fin.
/// </summary>
public sealed class TeamsHost : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ApprovalChannel = "19:approvals@thread.tacv2";
    public const string DigestChannel = "19:digest@thread.tacv2";
    public const string BotId = "28:" + AppId;
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public FakeBotPlatform Platform { get; } = new();
    public BillingApp App { get; }
    public HttpClient Http { get; }

    /// <param name="arrangePlatform">Runs before the product starts (it reads the keys at start-up).</param>
    public TeamsHost(Action<BillingApp>? configure = null, Action<FakeBotPlatform>? arrangePlatform = null)
    {
        arrangePlatform?.Invoke(Platform);
        App = new BillingApp().WithApprovers()
            .With("Approvals:Approvers:0:TeamsAadObjectId", "aad-dana")
            .With("Approvals:Approvers:1:TeamsAadObjectId", "aad-sam")
            .With("Approvals:Approvers:2:TeamsAadObjectId", "aad-fin")
            .With("Teams:AppId", AppId).With("Teams:AppPassword", "bot-secret").With("Teams:TenantId", TenantId)
            .With("Teams:OpenIdMetadataUrl", Platform.BaseUrl + "/openid")
            .With("Teams:EntraOpenIdMetadataUrl", Platform.EntraMetadataUrlTemplate)
            .With("Teams:TokenEndpoint", Platform.BaseUrl + "/token")
            .With("Teams:ServiceUrl", Platform.ServiceUrl)
            .With("Teams:ApprovalChannelId", ApprovalChannel)
            .With("Teams:DigestChannelId", DigestChannel)
            .With("Teams:RetryBaseDelay", "00:00:01");
        configure?.Invoke(App);
        Http = App.Http();
    }

    /// <summary>Sends an activity to /api/messages with a valid token unless <paramref name="token"/> is given.</summary>
    public Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Rest.Json(activity.ToJsonString()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Platform.Token(App.Clock.GetUtcNow()));
        return Http.SendAsync(request);
    }

    public JsonObject Activity(string type, string id, string? aadObjectId = "aad-dana", string tenantId = TenantId) => new()
    {
        ["type"] = type, ["id"] = id, ["channelId"] = "msteams", ["serviceUrl"] = Platform.ServiceUrl,
        ["timestamp"] = App.Clock.GetUtcNow().ToString("O"),
        ["from"] = new JsonObject { ["id"] = "29:user-" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Billing" },
        ["conversation"] = new JsonObject { ["id"] = ApprovalChannel + ";messageid=1", ["conversationType"] = "channel", ["tenantId"] = tenantId },
        ["channelData"] = new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Finance" },
            ["tenant"] = new JsonObject { ["id"] = tenantId },
        },
    };

    public JsonObject Message(string id, string text, string aadObjectId = "aad-dana")
    {
        var a = Activity("message", id, aadObjectId);
        a["text"] = text;
        return a;
    }

    /// <summary>A channel message as Teams sends it: the bot's @mention in the text, named by a mention entity.</summary>
    public JsonObject ChannelMessage(string id, string text, string botName = "Billing")
    {
        var a = Message(id, text);
        a["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = $"<at>{botName}</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = botName },
        });
        return a;
    }

    public JsonObject Invoke(string id, string verb, string invoiceId, string? cardVersion, string aadObjectId, string? reason = null)
    {
        var a = Activity("invoke", id, aadObjectId);
        a["name"] = "adaptiveCard/action";
        var data = new JsonObject { ["invoiceId"] = invoiceId, ["cardVersion"] = cardVersion };
        if (reason is not null) data["reason"] = reason;
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return a;
    }

    /// <summary>Runs the outbox (the "sends" job) once.</summary>
    public async Task DrainAsync() => (await Http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

    /// <summary>Runs the outbox while moving the fake clock, for connector retries that wait on it.</summary>
    public Task DrainMovingClockAsync() => App.Clock.MovingWhileAsync(DrainAsync());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        await Platform.DisposeAsync();
    }
}
