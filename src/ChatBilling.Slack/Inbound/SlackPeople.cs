using System.Collections.Concurrent;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Who a Slack user is among the approvers: by <c>slackUserId</c> when configured, otherwise by asking Slack for the
/// account behind each unlinked approver's email (users.lookupByEmail, scope <c>users:read.email</c>,
/// docs.slack.dev/reference/methods/users.lookupByEmail). Each email is looked up once and remembered for the host's
/// life; an email Slack does not know (<c>users_not_found</c>) is asked again after an hour, in case the person joined.
/// Without the scope (<c>missing_scope</c>) approvers simply need their slackUserId, as before.
/// </summary>
public sealed class SlackPeople(ApproverDirectory approvers, IServiceProvider services, TimeProvider time, ILogger<SlackPeople> log)
{
    private static readonly TimeSpan ForgetMissAfter = TimeSpan.FromHours(1);

    private sealed record Lookup(string? UserId, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Lookup> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool scopeMissing;

    /// <summary>The approver this Slack user is, or null.</summary>
    public async Task<ApproverSettings?> ApproverAsync(string userId, CancellationToken ct)
    {
        if (approvers.ByIdentity(SlackChannel.Name, userId) is { } linked) return linked;
        foreach (var approver in Unlinked())
            if (await UserIdAsync(approver.Email, ct) == userId) return approver;
        return null;
    }

    /// <summary>The Slack user id of a person: the configured one, else the looked-up one, else null.</summary>
    public async Task<string?> UserIdOfAsync(ApproverSettings person, CancellationToken ct) =>
        person.IdentityOn(SlackChannel.Name) is { } configured ? configured
            : string.IsNullOrWhiteSpace(person.Email) ? null : await UserIdAsync(person.Email, ct);

    private IEnumerable<ApproverSettings> Unlinked() =>
        approvers.All.Where(a => a.IdentityOn(SlackChannel.Name) is null && !string.IsNullOrWhiteSpace(a.Email));

    private async Task<string?> UserIdAsync(string email, CancellationToken ct)
    {
        if (scopeMissing) return null;
        var now = time.GetUtcNow();
        if (byEmail.TryGetValue(email, out var known) && (known.UserId is not null || now - known.At < ForgetMissAfter)) return known.UserId;
        try
        {
            var answer = await services.GetRequiredService<SlackApi>().CallFormAsync("users.lookupByEmail", [new("email", email)], ct);
            var id = answer["user"]?["id"]?.GetValue<string>();
            byEmail[email] = new(id, now);
            return id;
        }
        catch (OutboxGiveUpException e) when (e.InnerException is SlackApiException { Error: "users_not_found" })
        {
            byEmail[email] = new(null, now);
            return null;
        }
        catch (OutboxGiveUpException e) when (e.InnerException is SlackApiException { Error: "missing_scope" or "not_allowed_token_type" })
        {
            scopeMissing = true;
            log.LogWarning("Slack refused users.lookupByEmail ({Error}): approvers without slackUserId are not recognised in Slack. " +
                "Grant the users:read.email scope, or set slackUserId.", ((SlackApiException)e.InnerException!).Error);
            return null;
        }
        // Slack slow or throttled: not remembered, so the next click asks again; this click counts as unrecognised.
        catch (Exception e) when (e is SlackApiException or OutboxRetryAfterException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Looking up a Slack user by email failed for now: {Error}", e.Message);
            return null;
        }
    }
}
