using ChatBilling.Core.Approvals;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// Finds the colleague a person named: an email, a full name, a first name only one approver has, or a chat handle
/// (<c>@sam</c>, <c>@sam.second</c>). Nothing ambiguous is guessed: two Sams find nobody.
/// </summary>
public static class DelegationTargets
{
    public static ApproverSettings? Find(ApproverDirectory approvers, string who)
    {
        var text = who.Trim().TrimStart('@').Trim();
        if (text.Length == 0) return null;
        if (approvers.ByEmail(text) is { } byEmail) return byEmail;
        var handle = Handle(text);
        return Single(approvers.All.Where(a => a.Name.Equals(text, StringComparison.OrdinalIgnoreCase)))
            ?? Single(approvers.All.Where(a => Handle(a.Name) == handle || Handle(a.Email.Split('@')[0]) == handle))
            ?? Single(approvers.All.Where(a => Handle(a.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "") == handle));
    }

    /// <summary>Letters and digits only, lower case: "Sam Second", "sam.second" and "sam_second" meet.</summary>
    private static string Handle(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static ApproverSettings? Single(IEnumerable<ApproverSettings> matches)
    {
        var list = matches.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}
