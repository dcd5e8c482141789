using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatBilling.Core.Delivery;

/// <summary>
/// In Production no customer email goes out until <c>Seller:Name</c> is configured: the built-in demo issuer must
/// never reach a real customer. Outside Production the demo seller keeps a fresh install working.
/// </summary>
public sealed class SellerCheck(IConfiguration configuration, IHostEnvironment? environment = null)
{
    /// <summary>Why customer emails are held, or null when they may go.</summary>
    public string? Problem => environment?.IsProduction() == true && string.IsNullOrWhiteSpace(configuration["Seller:Name"])
        ? "Seller:Name is not set: in Production no customer email is sent until the invoice issuer is configured (see Seller:* in appsettings.sample.json)."
        : null;

    /// <summary>
    /// Refuses a customer email for good (the outbox gives it up at once, so the invoice shows as Failed in the
    /// exception queue and can be sent again with retry-send once the seller is set).
    /// </summary>
    public void ThrowIfNotReady()
    {
        if (Problem is { } problem) throw new OutboxGiveUpException(problem);
    }
}
