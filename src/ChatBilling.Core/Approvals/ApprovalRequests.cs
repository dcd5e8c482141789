using System.Security.Cryptography;
using System.Text;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of one approval request email: the step (by round and sequence) and the one person it is for.</summary>
/// <param name="Why">What made the step wait for this person ("submitted", "reassigned: …", "delegated: …"), worded for them.</param>
public sealed record ApprovalRequest(Guid InvoiceId, int Round, int Sequence, string Email, string Why);

/// <summary>
/// Queues an approval request email to each person who may decide a step the moment it starts waiting (submit, the
/// previous step approved, a reassignment, a delegation), in the caller's unit of work. One outbox message per person,
/// keyed by invoice, step, invoice version and person: the same step at the same version never emails anyone twice,
/// and a retry of one person's email never repeats another's. Only people who may decide are asked (least privilege:
/// the email names the client and the amount). Off with <c>Approvals:RequestEmails=false</c>; never sent to the demo
/// approver, whose address is a placeholder.
/// </summary>
public sealed class ApprovalRequests(OutboxWriter outbox, IOptionsMonitor<ApprovalSettings> settings)
{
    public const string Kind = "approval.request";

    public async Task EnqueueAsync(Invoice invoice, ApprovalStep step, IEnumerable<ApproverSettings> deciders, string why, CancellationToken ct)
    {
        var current = settings.CurrentValue;
        if (!current.RequestEmails || current.Approvers.Count == 0) return;
        foreach (var person in deciders.Where(p => p.Email.Length > 0))
        {
            // Steps added in this unit of work have no id yet, so the key names the step by round and sequence.
            var key = $"{Kind}:{invoice.Id:N}:{step.Round}:{step.Sequence}:{invoice.Version}:{Hash(person.Email)}";
            await outbox.EnqueueAsync(Kind, key, new ApprovalRequest(invoice.Id, step.Round, step.Sequence, person.Email, why), invoice.Id, ct);
        }
    }

    // An address can be long; the key only needs to tell people apart.
    private static string Hash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..16];
}
