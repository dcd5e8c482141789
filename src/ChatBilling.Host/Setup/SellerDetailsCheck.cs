using ChatBilling.Core.Setup;

namespace ChatBilling.Host.Setup;

/// <summary>The issuer printed on every invoice is configured, not the demo seller.</summary>
public sealed class SellerDetailsCheck(IConfiguration configuration) : ISetupCheck
{
    public string Name => "Seller";

    public Task<SetupCheckResult> RunAsync(CancellationToken ct)
    {
        var section = configuration.GetSection("Seller");
        var missing = new[] { "Name", "Email", "TaxId" }.Where(k => string.IsNullOrWhiteSpace(section[k])).Select(k => $"Seller:{k}").ToList();
        if (section.GetSection("AddressLines").GetChildren().All(c => string.IsNullOrWhiteSpace(c.Value))) missing.Add("Seller:AddressLines");
        return Task.FromResult(missing.Count == 0
            ? SetupCheckResult.Pass(Name, $"Invoices are issued by {section["Name"]}.")
            : SetupCheckResult.Fail(Name, $"Set {string.Join(", ", missing)}: they are printed on every invoice."));
    }
}
