using System.Linq.Expressions;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// <see cref="ApprovalService.Authority"/> as a SQL predicate on invoices: "this person may decide the open step",
/// so the console inbox orders and pages its cards in the database instead of loading every waiting invoice.
/// The same rules, term by term: the step's assignee, its role (or a manager once escalated), the person's limit in
/// the approvals currency, never their own invoice, distinct people per submission, and standing in for an away
/// approver. Names and emails compare lower-cased (ASCII, as SQLite's <c>lower</c>); the C# rules ignore case too.
/// </summary>
internal sealed class DecidableQuery(ChatBillingDb db, ApproverDirectory approvers, ApprovalSettings settings)
{
    /// <summary>Totals are compared against per-currency thresholds exact to this many decimals (money has at most 3).</summary>
    private const int ThresholdDecimals = 4;

    public Expression<Func<Invoice, bool>> For(ApproverSettings viewer, DelegationMap map)
    {
        var personally = Personally(viewer);
        var decidedByViewer = Decided(viewer);
        // Own: WhyNot(step, viewer, decided earlier) is null.
        var own = And(Qualifies(viewer), approvers.RequiresDistinctApprovers ? Not(decidedByViewer) : null);
        // Standing in: WhyNot(step, principal, principal or viewer decided earlier) is null, and the viewer's own limits hold.
        foreach (var principal in map.PrincipalsOf(viewer.Email).Select(approvers.ByEmail).OfType<ApproverSettings>())
        {
            var distinct = approvers.RequiresDistinctApprovers ? Not(Or(Decided(principal), decidedByViewer)) : null;
            own = Or(own, And(And(Qualifies(principal), distinct), personally));
        }
        return OnOpenStep(own);
    }

    /// <summary>i => some step of i is the open one of its latest submission and <paramref name="rule"/> holds for it.</summary>
    private Expression<Func<Invoice, bool>> OnOpenStep(Expression<Func<Invoice, ApprovalStep, bool>> rule)
    {
        // "Pending" is written as "none of the others" on purpose: with an equality SQLite (no statistics) walks the
        // (Status, OpenedAt) index for every invoice, every waiting step against every invoice; an inequality leaves it
        // the (InvoiceId, Round, Sequence) index, a few rows per invoice. The same for "Approved" in Decided.
        Expression<Func<Invoice, ApprovalStep, bool>> open = (i, s) => s.InvoiceId == i.Id
            && s.Status != StepStatus.Approved && s.Status != StepStatus.Rejected && s.Status != StepStatus.Superseded && s.OpenedAt != null
            && !db.ApprovalSteps.Any(o => o.InvoiceId == s.InvoiceId && o.Round > s.Round && (o.Status == StepStatus.Pending || o.Status == StepStatus.Approved))
            && !db.ApprovalSteps.Any(o => o.InvoiceId == s.InvoiceId && o.Round == s.Round && o.Status == StepStatus.Pending && o.OpenedAt != null && o.Sequence < s.Sequence);
        var both = And(open, rule);
        var invoice = both.Parameters[0];
        var step = Expression.Lambda<Func<ApprovalStep, bool>>(both.Body, both.Parameters[1]);
        Expression<Func<IQueryable<ApprovalStep>>> steps = () => db.ApprovalSteps;
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(ApprovalStep)], steps.Body, Expression.Quote(step));
        return Expression.Lambda<Func<Invoice, bool>>(any, invoice);
    }

    /// <summary>Qualification and the assignment check of <see cref="ApprovalService.WhyNot"/>, without "decided an earlier step".</summary>
    private Expression<Func<Invoice, ApprovalStep, bool>> Qualifies(ApproverSettings person)
    {
        var email = person.Email.ToLowerInvariant();
        var roles = person.Roles.Select(r => r.ToLowerInvariant()).ToList();
        var manager = person.HasRole(ApprovalSettings.ManagerRole);
        Expression<Func<Invoice, ApprovalStep, bool>> step = (i, s) =>
            (s.AssignedTo == null || s.AssignedTo.ToLower() == email || (s.EscalatedAt != null && manager))
            && (roles.Contains(s.Role.ToLower()) || (s.EscalatedAt != null && manager));
        return And(step, Personally(person));
    }

    /// <summary><see cref="ApprovalService.Personally"/>: within the person's limit, and not their own invoice.</summary>
    private Expression<Func<Invoice, ApprovalStep, bool>> Personally(ApproverSettings person)
    {
        var email = person.Email.ToLowerInvariant();
        var name = person.Name.ToLowerInvariant();
        Expression<Func<Invoice, ApprovalStep, bool>> notCreator = (i, s) => i.CreatedBy.ToLower() != email && i.CreatedBy.ToLower() != name;
        return And(notCreator, WithinLimit(person));
    }

    /// <summary>
    /// The limit compares the total converted to the approvals currency and rounded to cents. Conversion is monotonic,
    /// so each rated currency gets the largest total that still passes; unrated currencies compare their own total.
    /// </summary>
    private Expression<Func<Invoice, ApprovalStep, bool>>? WithinLimit(ApproverSettings person)
    {
        if (person.MaxAmount is not { } limit) return null;
        var home = settings.Currency.ToUpperInvariant();
        // As ApprovalPlan.Converted looks a rate up: the first key of that currency, any case; none or not positive is unrated.
        var rated = settings.ExchangeRates.GroupBy(r => r.Key.ToUpperInvariant()).Select(g => (Currency: g.Key, Rate: g.First().Value))
            .Where(r => r.Rate > 0 && r.Currency != home).Select(r => (r.Currency, Max: LargestTotal(r.Rate, limit))).ToList();
        var known = rated.Select(r => r.Currency).Append(home).ToList();
        Expression<Func<Invoice, ApprovalStep, bool>> unrated = (i, s) => !known.Contains(i.Currency.ToUpper());
        Expression<Func<Invoice, ApprovalStep, bool>> inHome = (i, s) => i.Currency.ToUpper() == home;
        var within = Or(And(unrated, AtMost(limit)), And(inHome, AtMost(limit)));
        foreach (var (currency, max) in rated)
        {
            Expression<Func<Invoice, ApprovalStep, bool>> inRated = (i, s) => i.Currency.ToUpper() == currency;
            within = Or(within, And(inRated, AtMost(max)));
        }
        return within;
    }

    /// <summary>
    /// The total is at most <paramref name="max"/>. SQLite stores decimals as text and compares them through EF's
    /// <c>ef_compare</c>, a .NET callback per row that cost the inbox most of its ordering query; there the total is
    /// compared as REAL instead. That is exact here: totals and thresholds have at most <see cref="ThresholdDecimals"/>
    /// places, and below 10^11 two such values differ by more than a double's rounding, so the order is the same.
    /// </summary>
    private Expression<Func<Invoice, ApprovalStep, bool>> AtMost(decimal max)
    {
        if (!db.Database.IsSqlite()) return (i, s) => i.Total <= max;
        var bound = (double)max;
        return (i, s) => (double)i.Total <= bound;
    }

    /// <summary>The largest total (to <see cref="ThresholdDecimals"/> places) whose conversion stays within <paramref name="limit"/>.</summary>
    private static decimal LargestTotal(decimal rate, decimal limit)
    {
        var unit = 1m / (decimal)Math.Pow(10, ThresholdDecimals);
        // ApprovalPlan.Converted: the total times the rate, rounded to cents.
        bool Passes(decimal total) => decimal.Round(total * rate, 2) <= limit;
        if (!Passes(0)) return -1;
        decimal low = 0, high = unit;
        while (Passes(high)) { low = high; high *= 2; }
        // Passes(low), not Passes(high): halve the gap in whole units until they are neighbours.
        while (high - low > unit)
        {
            var middle = decimal.Round((low + high) / 2 / unit, 0, MidpointRounding.ToZero) * unit;
            if (Passes(middle)) low = middle; else high = middle;
        }
        return low;
    }

    /// <summary>An approved step of the same submission decided by, or for, the person.</summary>
    private Expression<Func<Invoice, ApprovalStep, bool>> Decided(ApproverSettings person)
    {
        var email = person.Email.ToLowerInvariant();
        return (i, s) => db.ApprovalSteps.Any(a => a.InvoiceId == s.InvoiceId && a.Round == s.Round
            && a.Status != StepStatus.Pending && a.Status != StepStatus.Rejected && a.Status != StepStatus.Superseded
            && ((a.DecidedBy != null && a.DecidedBy.ToLower() == email) || (a.DecidedFor != null && a.DecidedFor.ToLower() == email)));
    }

    private static Expression<Func<Invoice, ApprovalStep, bool>> Not(Expression<Func<Invoice, ApprovalStep, bool>> a) =>
        Expression.Lambda<Func<Invoice, ApprovalStep, bool>>(Expression.Not(a.Body), a.Parameters);

    private static Expression<Func<Invoice, ApprovalStep, bool>> Or(Expression<Func<Invoice, ApprovalStep, bool>> a, Expression<Func<Invoice, ApprovalStep, bool>> b) =>
        Combine(a, b, Expression.OrElse)!;

    /// <summary>Both; a null <paramref name="b"/> is "no further condition".</summary>
    private static Expression<Func<Invoice, ApprovalStep, bool>> And(Expression<Func<Invoice, ApprovalStep, bool>> a, Expression<Func<Invoice, ApprovalStep, bool>>? b) =>
        b is null ? a : Combine(a, b, Expression.AndAlso);

    private static Expression<Func<Invoice, ApprovalStep, bool>> Combine(Expression<Func<Invoice, ApprovalStep, bool>> a,
        Expression<Func<Invoice, ApprovalStep, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var right = new Rebind(b.Parameters[0], a.Parameters[0], b.Parameters[1], a.Parameters[1]).Visit(b.Body);
        return Expression.Lambda<Func<Invoice, ApprovalStep, bool>>(join(a.Body, right), a.Parameters);
    }

    /// <summary>Puts one lambda's parameters in place of another's, so their bodies can be joined.</summary>
    private sealed class Rebind(ParameterExpression fromInvoice, ParameterExpression toInvoice, ParameterExpression fromStep, ParameterExpression toStep)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == fromInvoice ? toInvoice : node == fromStep ? toStep : base.VisitParameter(node);
    }
}
