using System.Text.RegularExpressions;
using ChatBilling.Core.Setup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// The setup check (the <c>check</c> command, <c>GET /api/setup/check</c>) as a console screen for operators: each check
/// with its outcome, the reason in words and the settings its message names, so the person knows what to change.
/// Only people holding <see cref="ConsoleRoles.Operator"/> see it; the checks reach the real services.
/// </summary>
internal static partial class ConsoleSetupCheck
{
    public static void MapConsoleSetupCheck(this RouteGroupBuilder api) => api.MapGet("/setup/check", GetAsync).RequireOperator();

    private static async Task<Ok<SetupCheckView[]>> GetAsync(IServiceProvider services, CancellationToken ct) =>
        TypedResults.Ok((await services.RunSetupChecksAsync(ct)).Select(SetupCheckView.From).ToArray());

    /// <summary>Setting keys as the messages write them: <c>Seller:Name</c>, <c>Smtp:Host</c>, <c>PublicBaseUrl</c>.</summary>
    [GeneratedRegex(@"\b(?:PublicBaseUrl|ConnectionStrings:ChatBilling|(?:Smtp|Slack|Teams|Seller|Database|Approvals|Api|DataProtection|Console|Outbox|Jobs|Digest|Reminders|Triggers|ForwardedHeaders|Metrics)(?::[A-Za-z0-9]+)+)\b")]
    internal static partial Regex SettingKey();
}

/// <summary>One check as the console shows it; <paramref name="Settings"/> are the keys to look at, in the order named.</summary>
public sealed record SetupCheckView(string Name, SetupCheckOutcome Outcome, string Message, string[] Settings)
{
    public static SetupCheckView From(SetupCheckResult result) => new(result.Name, result.Outcome, result.Message,
        result.Outcome == SetupCheckOutcome.Failed ? ConsoleSetupCheck.SettingKey().Matches(result.Message).Select(m => m.Value).Distinct().ToArray() : []);
}
