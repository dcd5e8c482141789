using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delegation;

/// <summary>What someone asked for: <paramref name="To"/> (an email, a name or @handle) decides for <paramref name="From"/> over the days given.</summary>
public sealed record DelegationInput(string? From, string? To, DateOnly? StartsOn, DateOnly? EndsOn, string? Note);

/// <summary>A delegation as the API, the console and chat show it.</summary>
public sealed record DelegationView(
    Guid Id, string From, string FromName, string To, string ToName, DateOnly StartsOn, DateOnly EndsOn, string? Note,
    string CreatedBy, string Channel, DateTimeOffset CreatedAt, bool Active);

/// <summary>
/// Sets and ends delegations. Refuses, changing nothing, what would leave an approval with nobody: delegating to
/// oneself, to someone who is not a configured approver, or into a circle (Sam already hands his approvals to Dana
/// over those days). A new delegation of the same person over overlapping days replaces the old one.
/// </summary>
public sealed class DelegationService(
    ChatBillingDb db, ApproverDirectory approvers, Delegations delegations, TimeProvider time, DelegateRequests requests)
{
    /// <summary>The longest a single delegation may run: long absences are a change of approvers, not a delegation.</summary>
    public const int MaxDays = 366;

    public async Task<DelegationView> CreateAsync(DelegationInput input, Actor by, CancellationToken ct = default)
    {
        var from = approvers.ByEmail(input.From)
            ?? throw InvalidInputException.For("from", $"{input.From} is not a configured approver; only approvers delegate approvals.");
        if (string.IsNullOrWhiteSpace(input.To)) throw InvalidInputException.For("to", "to (the colleague who decides meanwhile) is required.");
        var to = DelegationTargets.Find(approvers, input.To)
            ?? throw InvalidInputException.For("to", $"{input.To.Trim()} is not a configured approver (Approvals:Approvers); delegate to one of them.");
        if (to.Email.Equals(from.Email, StringComparison.OrdinalIgnoreCase))
            throw InvalidInputException.For("to", "You cannot delegate your approvals to yourself.");
        var today = time.Today();
        var startsOn = input.StartsOn ?? today;
        if (input.EndsOn is not { } endsOn) throw InvalidInputException.For("endsOn", "endsOn (the last day away, e.g. 2026-12-24) is required.");
        if (startsOn < today) throw InvalidInputException.For("startsOn", $"startsOn cannot be in the past (today is {today:yyyy-MM-dd}).");
        if (endsOn < startsOn) throw InvalidInputException.For("endsOn", $"endsOn ({endsOn:yyyy-MM-dd}) is before startsOn ({startsOn:yyyy-MM-dd}).");
        if (endsOn.DayNumber - startsOn.DayNumber >= MaxDays) throw InvalidInputException.For("endsOn", $"A delegation runs at most {MaxDays} days.");
        var note = input.Note?.Trim();
        if (note?.Length > ApprovalDelegation.MaxNoteLength) throw InvalidInputException.For("note", $"note must be at most {ApprovalDelegation.MaxNoteLength} characters.");

        var open = await db.Set<ApprovalDelegation>().Where(d => d.EndedAt == null && d.EndsOn >= startsOn && d.StartsOn <= endsOn).ToListAsync(ct);
        if (CircleThrough(open, from.Email, to.Email, startsOn, endsOn) is { } circle)
            throw InvalidInputException.For("to", $"That would be a circle ({string.Join(" → ", circle.Select(NameOf))}): " +
                $"{to.Name} already hands their approvals on over those days.");

        var now = time.GetUtcNow();
        foreach (var replaced in open.Where(d => d.FromEmail.Equals(from.Email, StringComparison.OrdinalIgnoreCase))) replaced.End(now);
        var delegation = new ApprovalDelegation
        {
            FromEmail = from.Email, ToEmail = to.Email, StartsOn = startsOn, EndsOn = endsOn, Note = string.IsNullOrEmpty(note) ? null : note,
            CreatedBy = by.Name, Channel = by.Channel, CreatedAt = now,
        };
        db.Add(delegation);
        if (delegation.HoldsOn(today)) await AskDelegateAsync(delegation, ct);
        await db.SaveChangesAsync(ct);
        delegations.Forget();
        return View(delegation);
    }

    /// <summary>Ends a delegation now; only the person who is away (or who set it) may.</summary>
    public async Task<DelegationView> EndAsync(Guid id, string byEmail, CancellationToken ct = default)
    {
        var delegation = await db.Set<ApprovalDelegation>().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException($"There is no delegation {id}.");
        if (!delegation.FromEmail.Equals(byEmail, StringComparison.OrdinalIgnoreCase) && !delegation.CreatedBy.Equals(byEmail, StringComparison.OrdinalIgnoreCase))
            throw new NotPermittedException($"Only {NameOf(delegation.FromEmail)} may end this delegation.");
        if (delegation.EndedAt is null) delegation.End(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        delegations.Forget();
        return View(delegation);
    }

    /// <summary>The delegations that have not ended yet, from or to <paramref name="email"/> (everyone's when null).</summary>
    public async Task<IReadOnlyList<DelegationView>> ListAsync(string? email, CancellationToken ct = default)
    {
        var today = time.Today();
        var rows = await db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.EndedAt == null && d.EndsOn >= today)
            .Where(d => email == null || d.FromEmail == email || d.ToEmail == email).ToListAsync(ct);
        return rows.OrderBy(d => d.StartsOn).ThenBy(d => d.FromEmail).Select(View).ToList();
    }

    /// <summary>
    /// A delegation that holds today hands the steps already waiting for the away person to the delegate at once, with
    /// a request email each; one starting on a later day does the same when it begins (<see cref="DelegationStartJob"/>).
    /// </summary>
    private async Task AskDelegateAsync(ApprovalDelegation delegation, CancellationToken ct)
    {
        var before = await delegations.TodayAsync(ct);
        var after = new DelegationMap(before.Active.Where(d => !d.FromEmail.Equals(delegation.FromEmail, StringComparison.OrdinalIgnoreCase))
            .Append(delegation).ToList());
        await requests.AskAsync(delegation, after, ct);
    }

    /// <summary>The chain back to <paramref name="from"/> that the new delegation would close, or null.</summary>
    private static List<string>? CircleThrough(IReadOnlyList<ApprovalDelegation> open, string from, string to, DateOnly startsOn, DateOnly endsOn)
    {
        var path = new List<string> { from, to };
        var current = to;
        for (var hop = 0; hop < open.Count + 1; hop++)
        {
            var next = open.FirstOrDefault(d => d.FromEmail.Equals(current, StringComparison.OrdinalIgnoreCase) && d.Overlaps(startsOn, endsOn));
            if (next is null) return null;
            path.Add(next.ToEmail);
            if (next.ToEmail.Equals(from, StringComparison.OrdinalIgnoreCase)) return path;
            current = next.ToEmail;
        }
        return null;
    }

    private DelegationView View(ApprovalDelegation d) => new(d.Id, d.FromEmail, NameOf(d.FromEmail), d.ToEmail, NameOf(d.ToEmail), d.StartsOn, d.EndsOn,
        d.Note, d.CreatedBy, d.Channel, d.CreatedAt, d.HoldsOn(time.Today()));

    private string NameOf(string email) => approvers.ByEmail(email)?.Name ?? email;
}
