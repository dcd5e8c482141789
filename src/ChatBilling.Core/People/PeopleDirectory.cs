using ChatBilling.Core.Approvals;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.People;

/// <summary>
/// Finds a known person by the identity a channel proved: an email (console) or their id on a chat channel.
/// Approvers come first, so someone listed as both is an approver. Unknown identities are null, never a guess.
/// </summary>
public sealed class PeopleDirectory(ApproverDirectory approvers, IOptionsMonitor<PeopleSettings> settings)
{
    /// <summary>Approvers (the demo approver when none are configured), then viewers.</summary>
    public IEnumerable<Person> All =>
        approvers.All.Select(Person.From).Concat(settings.CurrentValue.Viewers.Where(v => v.Email.Length > 0
            || v.Identities.Values.Any(id => id.Length > 0)).Select(Person.From));

    public Person? ByEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : All.FirstOrDefault(p => p.Email.Equals(email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The person whose id on <paramref name="channel"/> is <paramref name="id"/>, or null.</summary>
    public Person? ByIdentity(string channel, string? id) =>
        string.IsNullOrEmpty(id) ? null : All.FirstOrDefault(p => ChatIdentities.Has(p.Identities, channel, id));

    /// <summary>Who a stranger should ask to be added: the managers by name, or the operator when there are none.</summary>
    public string WhoToAsk()
    {
        var managers = approvers.HoldingRole(ApprovalSettings.ManagerRole).Select(a => a.Name).Where(n => n.Length > 0).ToList();
        return managers.Count == 0 ? "whoever runs ChatBilling for your team" : string.Join(" or ", managers);
    }
}
