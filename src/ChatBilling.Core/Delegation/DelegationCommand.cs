using System.Globalization;
using System.Text.RegularExpressions;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// The chat form of delegation, the same in Slack and Teams: <c>delegate @sam until 2026-12-24</c> (optionally
/// <c>from 2026-12-20</c>), <c>delegate off</c> to end one's own, <c>delegations</c> to list. The answer is a
/// sentence for the person who typed it; nothing changes unless it says so.
/// </summary>
public sealed partial class DelegationCommand(DelegationService service)
{
    public const string Usage = "Type: delegate @sam until 2026-12-24 (optionally from 2026-12-20), or delegate off.";

    /// <summary>Whether <paramref name="text"/> is a delegation command at all (the rest of the text goes to ask-the-bot).</summary>
    public static bool Matches(string text) => Leading().IsMatch(text);

    /// <summary>
    /// Runs the command for <paramref name="asker"/> (null: not an approver). <paramref name="who"/> overrides the
    /// colleague as typed when the channel proved who was mentioned (Slack's escaped <c>&lt;@U…&gt;</c>).
    /// </summary>
    public async Task<string> RunAsync(ApproverSettings? asker, string text, string channel, CancellationToken ct, string? who = null)
    {
        if (asker is null) return "Only configured approvers delegate their approvals.";
        var words = text.Trim();
        if (Off().IsMatch(words))
        {
            var mine = (await service.ListAsync(asker.Email, ct)).Where(d => d.From.Equals(asker.Email, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mine.Count == 0) return "You have no delegation to end.";
            foreach (var d in mine) await service.EndAsync(d.Id, asker.Email, ct);
            return $"Ended: your approvals come to you again (no longer to {string.Join(", ", mine.Select(d => d.ToName).Distinct())}).";
        }
        if (List().IsMatch(words))
        {
            var all = await service.ListAsync(asker.Email, ct);
            return all.Count == 0 ? "No delegations from or to you." : string.Join("\n", all.Select(Sentence));
        }
        var match = Command().Match(words);
        if (!match.Success) return Usage;
        if (!TryDate(match.Groups["until"].Value, out var until)) return $"\"{match.Groups["until"].Value}\" is not a date; {Usage}";
        DateOnly? from = null;
        if (match.Groups["from"].Success)
        {
            if (!TryDate(match.Groups["from"].Value, out var start)) return $"\"{match.Groups["from"].Value}\" is not a date; {Usage}";
            from = start;
        }
        try
        {
            var made = await service.CreateAsync(new DelegationInput(asker.Email, who ?? match.Groups["who"].Value, from, until, null),
                new Actor(asker.Email, channel), ct);
            return $"Done: {made.ToName} decides your approvals from {made.StartsOn:yyyy-MM-dd} to {made.EndsOn:yyyy-MM-dd}; " +
                "cards and reminders go to them. Type delegate off when you are back.";
        }
        catch (InvalidInputException e)
        {
            return string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    private static string Sentence(DelegationView d) =>
        $"{d.FromName} → {d.ToName}, {d.StartsOn:yyyy-MM-dd} to {d.EndsOn:yyyy-MM-dd}{(d.Active ? " (today)" : "")}";

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^\s*(delegate|delegations)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Leading();

    [GeneratedRegex(@"^delegate\s+(off|stop|end|cancel|back)$", RegexOptions.IgnoreCase)]
    private static partial Regex Off();

    [GeneratedRegex(@"^(delegations|delegate\s+list)$", RegexOptions.IgnoreCase)]
    private static partial Regex List();

    [GeneratedRegex(@"^delegate\s+(?:to\s+)?(?<who>.+?)\s+(?:from\s+(?<from>\S+)\s+)?until\s+(?<until>\S+)(?:\s+from\s+(?<from>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Command();
}
