using System.Security.Cryptography;
using System.Text;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.CustomerLinks;

/// <summary>Makes and resolves customer link tokens, and records each view in the invoice's history.</summary>
public sealed class CustomerLinkTokens(ChatBillingDb db, TimeProvider time)
{
    /// <summary>How long a link works: long enough for a customer to come back to an old invoice.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);
    public static readonly Actor Customer = new("customer", "link");
    private const int TokenBytes = 24;

    /// <summary>Stages a new link in the caller's unit of work and returns its token (192 random bits).</summary>
    public string Create(Invoice invoice)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = time.GetUtcNow();
        db.CustomerLinks.Add(new CustomerLink { InvoiceId = invoice.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime });
        return token;
    }

    /// <summary>The invoice behind a live token, or null for a forged, malformed or expired one.</summary>
    public async Task<Invoice?> ResolveAsync(string token, CancellationToken ct = default)
    {
        if (token.Length != 32 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return null;
        var hash = Hash(token);
        var now = time.GetUtcNow();
        var link = await db.CustomerLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || link.ExpiresAt <= now) return null;
        return await db.Invoices.FirstOrDefaultAsync(i => i.Id == link.InvoiceId, ct);
    }

    /// <summary>Records a view ("viewed") or a download ("downloaded") with the browser that made it.</summary>
    public async Task RecordAsync(Invoice invoice, string action, string? userAgent, CancellationToken ct = default)
    {
        var agent = string.IsNullOrWhiteSpace(userAgent) ? "unknown browser" : userAgent.Length > 300 ? userAgent[..300] : userAgent;
        db.AuditEntries.Add(invoice.Record(Customer, action, time.GetUtcNow(), agent));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"viewed 2 times, last 22 Nov 10:42 UTC", or null when the customer has not opened it.</summary>
    public async Task<string?> ViewsSummaryAsync(Guid invoiceId, CancellationToken ct = default)
    {
        var views = await db.AuditEntries.AsNoTracking()
            .Where(a => a.InvoiceId == invoiceId && a.Channel == Customer.Channel && a.Action == AuditActions.Viewed)
            .Select(a => a.At).ToListAsync(ct);
        if (views.Count == 0) return null;
        return $"viewed {(views.Count == 1 ? "once" : $"{views.Count} times")}, last {Cards.ChatFormat.When(views.Max())}";
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
