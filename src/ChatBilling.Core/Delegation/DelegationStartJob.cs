using ChatBilling.Core.Jobs;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// A delegation set ahead (<c>from 2026-12-20</c>) begins on its first day: the delegate then gets the approval request
/// emails for the steps already waiting for the away approver, as a delegation set for today does at once
/// (<see cref="DelegateRequests"/>). Hourly, so the emails go within the first hour of the UTC day; it looks at
/// delegations whose first day was today or yesterday, so a host that was down at midnight catches up, and the emails'
/// idempotency keys make every later run (and a step already asked about) send nothing again.
/// </summary>
public sealed class DelegationStartJob(ChatBillingDb db, Delegations delegations, DelegateRequests requests, TimeProvider time) : IBillingJob
{
    public const string Name = "delegations";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var today = time.Today();
        var yesterday = today.AddDays(-1);
        var begun = (await db.Set<ApprovalDelegation>().AsNoTracking()
                .Where(d => d.EndedAt == null && d.StartsOn >= yesterday && d.StartsOn <= today && d.EndsOn >= today).ToListAsync(ct))
            // Set for the day it was made: DelegationService asked the delegate then. (Instants compare in memory on SQLite.)
            .Where(d => d.StartsOn > DateOnly.FromDateTime(d.CreatedAt.UtcDateTime)).ToList();
        if (begun.Count == 0) return "No future-dated delegation began.";
        var map = await delegations.TodayAsync(ct);
        var asked = 0;
        foreach (var delegation in begun) asked += await requests.AskAsync(delegation, map, ct);
        var queued = await db.SaveChangesAsync(ct);
        return $"{begun.Count} delegation(s) began; {asked} waiting step(s) looked at, {queued} request email(s) queued.";
    }
}
