using ChatBilling.Core.Cards;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// Decides which roles must approve an invoice, from <c>Approvals:AutoApproveBelow</c> and <c>Approvals:Rules</c>.
/// Thresholds and approvers' limits are stated in <c>Approvals:Currency</c>; an invoice in another currency is
/// compared through <c>Approvals:ExchangeRates</c>, never by its raw number.
/// </summary>
public static class ApprovalPlan
{
    /// <summary>The roles to ask, in order, for a total in the approvals currency; empty when approved without asking.</summary>
    public static IReadOnlyList<string> RolesFor(decimal total, ApprovalSettings settings)
    {
        if (total < settings.AutoApproveBelow) return [];
        var rule = settings.EffectiveRules.Where(r => r.MinAmount <= total).MaxBy(r => r.MinAmount);
        // Above the auto-approve threshold but below every rule: someone must still look at it.
        return rule is { StepRoles.Count: > 0 } ? rule.StepRoles : ["approver"];
    }

    /// <summary>
    /// The roles to ask for <paramref name="invoice"/>. Refuses (409) what would wait forever: a currency without a
    /// rate, or a step no configured approver other than the invoice's creator may decide within their limit.
    /// </summary>
    public static IReadOnlyList<string> RolesFor(Invoice invoice, ApprovalSettings settings, bool distinctApprovers)
    {
        var total = Converted(invoice, settings);
        var roles = RolesFor(total, settings);
        var able = roles.Select(role => settings.EffectiveApprovers.Where(a => a.HasRole(role) && !IsCreator(a, invoice)).ToList()).ToList();
        // A missing role first: it is the bigger gap, and raising a limit would not close it.
        if (roles.Select((role, i) => (role, i)).FirstOrDefault(r => able[r.i].Count == 0) is ({ } missing, _))
            throw new ConflictException($"{invoice.Number} needs the {missing} role, and no configured approver other than its creator holds it " +
                "(Approvals:Approvers).");
        for (var i = 0; i < roles.Count; i++)
        {
            if (!able[i].Any(a => a.MaxAmount is not { } limit || total <= limit))
                throw new ConflictException($"{invoice.Number} is {Shown(invoice, settings)}; no approver with the {roles[i]} role may approve that much " +
                    $"(the highest maxAmount is {able[i].Max(a => a.MaxAmount)} {settings.Currency}).");
        }
        // Each step of a round needs someone else: there must be as many distinct people as steps.
        if (distinctApprovers && roles.Count > 1 && !CanStaff(able.Select(a => a.Where(p => p.MaxAmount is not { } l || total <= l).ToList()).ToList(), 0, []))
            throw new ConflictException($"{invoice.Number} needs {string.Join(", then ", roles)} from {roles.Count} different people; " +
                "not enough configured approvers hold those roles (Approvals:Approvers).");
        return roles;
    }

    /// <summary>The invoice total in the approvals currency; a 409 naming the setting when there is no rate for it.</summary>
    public static decimal Converted(Invoice invoice, ApprovalSettings settings)
    {
        if (invoice.Currency.Equals(settings.Currency, StringComparison.OrdinalIgnoreCase)) return invoice.Total;
        var rate = settings.ExchangeRates.FirstOrDefault(r => r.Key.Equals(invoice.Currency, StringComparison.OrdinalIgnoreCase)).Value;
        if (rate <= 0)
            throw new ConflictException($"{invoice.Number} is in {invoice.Currency}, and Approvals:ExchangeRates has no rate for it; " +
                $"set Approvals:ExchangeRates:{invoice.Currency} to the value of one {invoice.Currency} in {settings.Currency}.", "currency");
        return decimal.Round(invoice.Total * rate, 2);
    }

    /// <summary>The converted total when there is a rate, for limits; the raw total when there is none (nothing to compare then).</summary>
    public static decimal ConvertedOrTotal(Invoice invoice, ApprovalSettings settings)
    {
        try { return Converted(invoice, settings); }
        catch (ConflictException) { return invoice.Total; }
    }

    /// <summary>"RUB 534,000.00 (≈ EUR 5,607.00)" when the currencies differ and a rate is known, otherwise just the total.</summary>
    public static string Shown(Invoice invoice, ApprovalSettings settings)
    {
        var own = ChatFormat.Money(invoice.Total, invoice.Currency);
        if (invoice.Currency.Equals(settings.Currency, StringComparison.OrdinalIgnoreCase)) return own;
        var converted = ConvertedOrTotal(invoice, settings);
        return converted == invoice.Total ? own : $"{own} (≈ {ChatFormat.Money(converted, settings.Currency)})";
    }

    private static bool IsCreator(ApproverSettings a, Invoice invoice) =>
        a.Is(invoice.CreatedBy) || a.Name.Equals(invoice.CreatedBy, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether steps from <paramref name="step"/> on can each get a different person (a small matching, by backtracking).</summary>
    private static bool CanStaff(IReadOnlyList<List<ApproverSettings>> able, int step, HashSet<string> taken)
    {
        if (step == able.Count) return true;
        foreach (var person in able[step].Where(p => !taken.Contains(p.Email)))
        {
            taken.Add(person.Email);
            if (CanStaff(able, step + 1, taken)) return true;
            taken.Remove(person.Email);
        }
        return false;
    }
}
