using ChatBilling.Core.Approvals;

namespace ChatBilling.Core.Conversations;

/// <summary>Who did something, in people's words: approvers by name, never by email; the product's own jobs by what they are.</summary>
public static class People
{
    public static string Name(string actor, ApproverDirectory approvers)
    {
        if (approvers.ByEmail(actor) is { } approver) return approver.Name;
        return actor switch
        {
            "system" or "mailer" => "ChatBilling",
            "customer" => "the client",
            "reminders" => "the reminder job",
            "escalations" => "the escalation job",
            "local" => "an operator",
            _ when actor.StartsWith("schedule:", StringComparison.Ordinal) => $"the schedule {actor["schedule:".Length..]}",
            // An email no approver has: show the person's part, not the address.
            _ when actor.IndexOf('@') is > 0 and var at => actor[..at],
            _ => actor,
        };
    }

    public static string Names(IEnumerable<ApproverSettings> approvers, string whenNone)
    {
        var names = approvers.Select(a => a.Name).Distinct().ToList();
        return names.Count switch
        {
            0 => whenNone,
            1 => names[0],
            2 => $"{names[0]} or {names[1]}",
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
        };
    }
}
