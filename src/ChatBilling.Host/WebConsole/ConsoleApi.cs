using System.Security.Claims;
using System.Text.Json.Nodes;
using ChatBilling.Core;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Exceptions;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.People;
using ChatBilling.Core.Storage;
using ChatBilling.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.WebConsole;

internal static class ConsoleApi
{
    public static void MapConsoleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/console/api").RequireAuthorization(ConsoleFeature.Policy).WithTags("Console").ExcludeFromDescription();
        api.MapGet("/me", Me);
        api.MapGet("/inbox", InboxAsync);
        api.MapPost("/invoices/{id:guid}/decisions", DecideAsync).RequireConsoleHeader();
        api.MapPost("/ask", AskAsync).RequireConsoleHeader();
        api.MapGet("/exceptions", ExceptionsAsync);
        api.MapPost("/exceptions/{id:guid}/dismiss", DismissAsync).RequireConsoleHeader();
        api.MapPost("/exceptions/{id:guid}/restore", RestoreAsync).RequireConsoleHeader();
        api.MapConsoleClients();
        api.MapConsoleInvoiceList();
        api.MapConsoleInvoiceDetail();
        api.MapConsoleInvoiceActions();
        api.MapConsoleAging();
        api.MapConsoleSetupCheck();
    }

    /// <summary>The signed-in person and what the console lets them do; the server checks every action again.</summary>
    private static Results<Ok<MeView>, UnauthorizedHttpResult> Me(ClaimsPrincipal user, PeopleDirectory people, TimeProvider time) =>
        people.ByEmail(user.Email()) is { } me
            ? TypedResults.Ok(new MeView(me.Name, me.Email, me.Roles, me.MaxAmount, me.MayBill(), me.MayDecide(), time.Today(), me.MayOperate()))
            : TypedResults.Unauthorized();

    /// <summary>Cards shown at once; "Show more" asks for the next page.</summary>
    public const int InboxPageSize = 20;

    /// <summary>
    /// A page of the invoices waiting for approval, as the signed-in approver sees them: cards they can act on first.
    /// How many wait in all is in <c>X-Total-Count</c>, so the answer stays the array of cards it always was.
    /// </summary>
    private static async Task<Ok<ConsoleCard[]>> InboxAsync(ClaimsPrincipal user, ApprovalCards cards, HttpResponse response, CancellationToken ct, int page = 1)
    {
        if (page < 1) throw InvalidInputException.For("page", "page starts at 1.");
        var (shown, total) = await cards.WaitingPageAsync(user.Email(), (page - 1) * InboxPageSize, InboxPageSize, ct);
        response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(shown.Select(ConsoleCard.From).ToArray());
    }

    private static async Task<Results<Ok<DecisionReply>, Conflict<DecisionReply>>> DecideAsync(
        Guid id, ConsoleDecision body, ClaimsPrincipal user, ApprovalService approvals, ApprovalCards cards, CancellationToken ct)
    {
        var approve = body.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => true,
            "reject" => false,
            _ => throw InvalidInputException.For("decision", "decision is \"approve\" or \"reject\"."),
        };
        try
        {
            var decided = await approvals.DecideAsync(id, new DecisionRequest(user.Email(), approve, body.Reason, body.CardVersion), "console", ct);
            return TypedResults.Ok(new DecisionReply(decided.Message, ConsoleCard.From(await cards.ForAsync(id, user.Email(), ct))));
        }
        catch (ConflictException stale)
        {
            // A stale click gets the card as it is now, so the person sees what happened instead of an error alone.
            return TypedResults.Conflict(new DecisionReply(stale.Message, ConsoleCard.From(await cards.ForAsync(id, user.Email(), ct))));
        }
    }

    /// <summary>Asks as the signed-in person, so "my approvals" knows who asks; the reply carries the reason a question failed.</summary>
    private static async Task<Ok<AskReply>> AskAsync(AskBody body, ClaimsPrincipal user, AskGate gate, PeopleDirectory people, CancellationToken ct)
    {
        // A cookie outlives configuration: someone removed from Approvals since signing in is a stranger again.
        var gated = await gate.AnswerAsync(people.ByEmail(user.Email()), body.Text, body.Locale, ct);
        if (gated.Answer is not { } answer) return TypedResults.Ok(new AskReply(gated.Refusal, ConsoleNote.Card(gated.Refusal)));
        return TypedResults.Ok(new AskReply(answer.Text, TeamsDialect.Cards.Bind(answer.TemplateName, answer.Card),
            answer.Reason, answer.Suggestions, answer.Understood, answer.ConsoleUrl));
    }

    /// <summary>
    /// Takes a failed send off the queue for the whole team (anyone signed in may triage), recorded as who and when
    /// and in the invoice's history; it comes back by itself when the invoice changes.
    /// </summary>
    private static async Task<Results<NoContent, NotFound>> DismissAsync(Guid id, ClaimsPrincipal user, ChatBillingDb db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Invoices.IgnoreAutoIncludes().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } invoice) return TypedResults.NotFound();
        if (await db.ExceptionDismissals.AnyAsync(d => d.InvoiceId == id && d.InvoiceVersion == invoice.Version, ct)) return TypedResults.NoContent();
        var now = time.GetUtcNow();
        db.ExceptionDismissals.Add(new ExceptionDismissal { InvoiceId = id, InvoiceVersion = invoice.Version, DismissedBy = user.Email(), DismissedAt = now });
        // The history line goes without touching the invoice, so its version (which the dismissal holds for) stays.
        db.AuditEntries.Add(invoice.Record(user.ConsoleActor(), AuditActions.ExceptionDismissed, now, "Taken off the exception queue."));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> RestoreAsync(Guid id, ClaimsPrincipal user, ChatBillingDb db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Invoices.IgnoreAutoIncludes().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } invoice) return TypedResults.NotFound();
        var dismissals = await db.ExceptionDismissals.Where(d => d.InvoiceId == id).ToListAsync(ct);
        if (dismissals.Count == 0) return TypedResults.NoContent();
        db.ExceptionDismissals.RemoveRange(dismissals);
        db.AuditEntries.Add(invoice.Record(user.ConsoleActor(), AuditActions.ExceptionRestored, time.GetUtcNow(), "Back on the exception queue."));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The exception queue: approvals past their deadline and invoices whose sending failed.</summary>
    private static async Task<Ok<ExceptionQueue>> ExceptionsAsync(
        ChatBillingDb db, TimeProvider time, IOptionsMonitor<ApprovalSettings> settings, PeopleDirectory people, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deadline = TimeSpan.FromHours(Math.Max(1, settings.CurrentValue.DeadlineHours));
        var late = (await WaitingApprovals.ListAsync(db, ct)).Where(w => now - w.OpenedAt >= deadline)
            .Select(w => new LateApproval(w.InvoiceId, w.Number, w.ClientName, ChatFormat.MoneyOrPlain(w.Total, w.Currency), w.StepLabel,
                ChatFormat.Age(now - w.OpenedAt), w.Escalated)).ToArray();
        var sends = await FailedSends.ListAsync(db, ct, now - JobFailures.Shown);
        var ids = sends.Select(f => f.InvoiceId).ToList();
        // Only the two columns: the queue must open even when a failed invoice has a column that cannot be read back.
        var versions = await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Version }).ToDictionaryAsync(v => v.Id, v => v.Version, ct);
        // A dismissal holds for the invoice version it was made on; a change (retry, new failure) shows the row again.
        var dismissals = (await db.ExceptionDismissals.AsNoTracking().Where(d => ids.Contains(d.InvoiceId)).ToListAsync(ct))
            .Where(d => versions.GetValueOrDefault(d.InvoiceId, -1) == d.InvoiceVersion).ToDictionary(d => d.InvoiceId);
        var failed = sends.Select(f => new FailedSendRow(f.InvoiceId, f.Number, f.ClientName, ChatFormat.MoneyOrPlain(f.Total, f.Currency),
            FailureReasons.Readable(f.Reason), dismissals.TryGetValue(f.InvoiceId, out var d) ? new Dismissed(people.NameOf(d.DismissedBy), d.DismissedAt) : null))
            .ToArray();
        return TypedResults.Ok(new ExceptionQueue(late, failed));
    }
}

internal static class DismissalNames
{
    /// <summary>"Dana Approver" rather than the email the dismissal stored, where the person is known.</summary>
    public static string NameOf(this PeopleDirectory people, string email) => people.ByEmail(email)?.Name ?? email;
}

/// <summary>A card as the console renders it: Adaptive Card JSON from the Teams templates.</summary>
public sealed record ConsoleCard(Guid InvoiceId, string Template, bool CanDecide, JsonObject Card)
{
    public static ConsoleCard From(ShownCard shown) =>
        new(shown.InvoiceId, shown.TemplateName, shown.CanDecide, TeamsDialect.Cards.Bind(shown.TemplateName, shown.Card));
}

public sealed record MeView(string Name, string Email, IReadOnlyList<string> Roles, decimal? MaxAmount, bool MayBill, bool MayDecide, DateOnly Today, bool MayOperate);
public sealed record ConsoleDecision(string? Decision, string? Reason, string? CardVersion, Guid? InvoiceId = null);
public sealed record DecisionReply(string Message, ConsoleCard Card);
public sealed record AskBody(string? Text, string? Locale = null);
public sealed record AskReply(
    string Text, JsonObject Card, string? Reason = null, IReadOnlyList<string>? Suggestions = null, IReadOnlyList<string>? Understood = null,
    string? ConsoleUrl = null);
public sealed record LateApproval(Guid InvoiceId, string Number, string Client, string Amount, string Step, string Waiting, bool Escalated);
public sealed record FailedSendRow(Guid InvoiceId, string Number, string Client, string Amount, string Reason, Dismissed? Dismissed);
public sealed record Dismissed(string By, DateTimeOffset At);
public sealed record ExceptionQueue(LateApproval[] LateApprovals, FailedSendRow[] FailedSends);
