using ChatBilling.Core.Delegation;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// One step of an invoice's route: who can decide it (names, for the requester to read) and, for a step that needs
/// several people of one role ("two of finance"), how many of that role are needed and how many are still missing.
/// </summary>
public sealed record RouteStep(
    int Sequence, int StepCount, string Role, StepStatus Status, int RoleCount, int StillNeeded, IReadOnlyList<string> Deciders);

/// <summary>The route of the latest submission: the steps in order and the people who can decide each.</summary>
public sealed class ApprovalRoutes(ApprovalService approvals, ApproverDirectory approvers, Delegations delegations)
{
    public async Task<IReadOnlyList<RouteStep>> ForAsync(Guid invoiceId, CancellationToken ct = default)
    {
        var (invoice, steps) = await approvals.StepsAsync(invoiceId, ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var map = await delegations.TodayAsync(ct);
        return steps.Where(s => s.Round == round && s.Status != StepStatus.Superseded).Select(s => Of(invoice, steps, s, map)).ToList();
    }

    /// <summary>The route view of one step; <paramref name="steps"/> may hold every round.</summary>
    public RouteStep Of(Invoice invoice, IReadOnlyList<ApprovalStep> steps, ApprovalStep step, DelegationMap map)
    {
        var round = steps.Where(s => s.Round == step.Round).OrderBy(s => s.Sequence).ToList();
        var (count, stillNeeded) = RoleRun(round, step);
        return new(step.Sequence, step.StepCount, step.Role, step.Status, count, stillNeeded,
            step.Status == StepStatus.Pending ? DecidersOf(invoice, round, step, map) : []);
    }

    /// <summary>
    /// A step of N people of one role is stored as N consecutive steps of that role (the settings' <c>count</c>);
    /// since nobody decides two steps of one round, they are N distinct people. This gives the run's size and how
    /// many of it still wait.
    /// </summary>
    public static (int Count, int StillNeeded) RoleRun(IReadOnlyList<ApprovalStep> round, ApprovalStep step)
    {
        var at = round.ToList().FindIndex(s => s.Id == step.Id && s.Sequence == step.Sequence);
        if (at < 0) return (1, step.Status == StepStatus.Pending ? 1 : 0);
        var first = at;
        while (first > 0 && Same(round[first - 1], step)) first--;
        var last = at;
        while (last < round.Count - 1 && Same(round[last + 1], step)) last++;
        var run = round.Skip(first).Take(last - first + 1).ToList();
        return (run.Count, run.Count(s => s.Status == StepStatus.Pending));
    }

    private static bool Same(ApprovalStep a, ApprovalStep b) => a.Role.Equals(b.Role, StringComparison.OrdinalIgnoreCase);

    /// <summary>The names of who can decide now; someone away is left out and their delegate shown as "Sam Second for Dana Approver".</summary>
    private IReadOnlyList<string> DecidersOf(Invoice invoice, IReadOnlyList<ApprovalStep> round, ApprovalStep step, DelegationMap map) =>
        approvers.All.Where(a => map.AwayBy(a.Email) is null)
            .Select(a => approvals.Authority(invoice, round, step, a, map) is { WhyNot: null } authority
                ? authority.StandIn is { } principal ? $"{a.Name} for {principal.Name}" : a.Name
                : null)
            .OfType<string>().ToList();
}
