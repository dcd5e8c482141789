using System.Text.Json;
using ChatBilling.Core.EmailDecisions;
using ChatBilling.Host.Documents;
using ChatBilling.Host.Security;

namespace ChatBilling.Host.EmailDecisions;

/// <summary>What an email decision link carries: the invoice, the card version of the step, the approver, the decision and a nonce.</summary>
public sealed record EmailDecisionToken(Guid InvoiceId, string CardVersion, string Email, bool Approve, string Nonce);

/// <summary>
/// Signs the links of approval emails with the shared Data Protection key ring (so any host can read them), for
/// <see cref="Lifetime"/>. A forged, altered, foreign-purpose or expired token reads as null.
/// </summary>
public sealed class EmailDecisionTokens(ExpiringTokens tokens, PublicUrls urls) : IEmailDecisionLinks
{
    /// <summary>A week: longer than a reminder and an escalation take (twice the deadline), short enough that an old email goes stale.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ExpiringTokens.Protector protector = tokens.For("ChatBilling.EmailDecisions");

    public EmailDecisionLinks For(Guid invoiceId, string cardVersion, string approverEmail) =>
        new(urls.To($"/a/{Make(invoiceId, cardVersion, approverEmail, approve: true)}"), urls.To($"/a/{Make(invoiceId, cardVersion, approverEmail, approve: false)}"));

    private string Make(Guid invoiceId, string cardVersion, string email, bool approve) =>
        protector.Protect(JsonSerializer.Serialize(new EmailDecisionToken(invoiceId, cardVersion, email, approve, Guid.NewGuid().ToString("N"))), Lifetime);

    public EmailDecisionToken? Read(string token)
    {
        if (protector.Unprotect(token) is not { } json) return null;
        try
        {
            return JsonSerializer.Deserialize<EmailDecisionToken>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
