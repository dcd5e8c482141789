using ChatBilling.Core.Documents;
using Microsoft.Extensions.Configuration;

namespace ChatBilling.Tests.Documents;

public class SellerSettingsTests
{
    [Fact]
    public void Configured_seller_replaces_the_defaults_instead_of_adding_to_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Seller:Name"] = "Acme GmbH",
                ["Seller:AddressLines:0"] = "Hauptstraße 1",
                ["Seller:AddressLines:1"] = "10115 Berlin",
            })
            .Build();

        var seller = configuration.GetSection(SellerSettings.SectionName).Get<SellerSettings>();

        Assert.NotNull(seller);
        Assert.Equal("Acme GmbH", seller.Name);
        Assert.Equal(["Hauptstraße 1", "10115 Berlin"], seller.AddressLines);
        Assert.Equal(new SellerSettings().Email, seller.Email);
    }
}
