using System.Text.Json.Nodes;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Setup;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// The bot token works (<c>auth.test</c>, https://api.slack.com/methods/auth.test) and the bot is a member of the
/// approval and digest channels (<c>conversations.info</c>'s <c>channel.is_member</c>,
/// https://api.slack.com/methods/conversations.info). Reading a channel needs <c>channels:read</c> (or
/// <c>groups:read</c> for a private one); without it the membership is reported as unverified, not failed.
/// </summary>
public sealed class SlackSetupCheck(SlackApi slack, IOptions<SlackSettings> options) : ISetupCheck
{
    public string Name => "Slack";

    public async Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        JsonObject auth;
        try
        {
            auth = await slack.CallAsync("auth.test", [], ct);
        }
        catch (Exception e) when (SlackError(e) is { } error)
        {
            return SetupCheckResult.Fail(Name, $"auth.test refused the bot token ({error}): copy OAuth & Permissions → Bot User OAuth Token into Slack:BotToken.");
        }
        var notes = new List<string> { $"token works for {auth["user"]} in {auth["team"]}" };
        foreach (var (setting, channel) in new[] { ("Slack:ApprovalChannel", settings.ApprovalChannel), ("Slack:DigestChannel", settings.DigestChannel) })
        {
            if (string.IsNullOrWhiteSpace(channel))
            {
                if (setting == "Slack:ApprovalChannel") return SetupCheckResult.Fail(Name, "Slack:ApprovalChannel is empty: set it to the id (C…) of the channel approval cards go to.");
                continue;
            }
            try
            {
                var info = await slack.CallAsync("conversations.info", new JsonObject { ["channel"] = channel }, ct);
                if (info["channel"]?["is_member"]?.GetValue<bool>() != true)
                    return SetupCheckResult.Fail(Name, $"The bot is not in {channel} ({setting}): invite it there with /invite @billing.");
                notes.Add($"in {channel}");
            }
            catch (Exception e) when (SlackError(e) is "missing_scope")
            {
                notes.Add($"membership of {channel} unverified (grant channels:read to check it)");
            }
            catch (Exception e) when (SlackError(e) is { } error)
            {
                return SetupCheckResult.Fail(Name, $"Slack cannot find {channel} ({error}): check {setting}.");
            }
        }
        return SetupCheckResult.Pass(Name, string.Join("; ", notes) + ".");
    }

    private static string? SlackError(Exception e) => e switch
    {
        SlackApiException s => s.Error,
        OutboxGiveUpException { InnerException: SlackApiException s } => s.Error,
        _ => null,
    };
}
