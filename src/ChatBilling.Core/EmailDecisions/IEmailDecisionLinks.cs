namespace ChatBilling.Core.EmailDecisions;

/// <summary>An Approve and a Reject address for one person and one step, for an email.</summary>
public sealed record EmailDecisionLinks(string Approve, string Reject);

/// <summary>
/// Makes the Approve / Reject links of approval emails: signed, expiring, bound to one approver and one step (and
/// the card version the email described), usable once. The host implements it (it holds the Data Protection key
/// ring and the public address); without a host there are no links and the emails send people to chat or the console.
/// </summary>
public interface IEmailDecisionLinks
{
    EmailDecisionLinks For(Guid invoiceId, string cardVersion, string approverEmail);
}
