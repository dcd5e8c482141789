using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Api;

public sealed class ApiKeyTests : IDisposable
{
    private readonly BillingApp app = new BillingApp()
        .With("Api:Keys:0:Name", "erp-sync").With("Api:Keys:0:Key", "k-erp-0123456789")
        .With("Api:Keys:1:Name", "ops").With("Api:Keys:1:Key", "k-ops-9876543210");

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("k-erp-012345678")]
    [InlineData("k-erp-0123456789x")]
    public async Task A_missing_or_wrong_key_is_401_even_from_loopback(string? key)
    {
        var response = await app.Http(key).GetAsync("/api/invoices");
        var problem = await response.ReadAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_key_name_is_the_actor_in_the_audit_trail()
    {
        var erp = app.Http("k-erp-0123456789");
        var clientId = (await erp.CreateClientAsync())["id"].Str();
        var id = (await erp.CreateInvoiceAsync(Rest.Invoice(clientId)))["id"].Str();
        var ops = app.Http("k-ops-9876543210");
        (await ops.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        var history = await (await ops.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
        Assert.Equal(["erp-sync", "ops"], history.Select(h => h!["actor"].Str()));
        Assert.All(history, h => Assert.Equal("api", h!["channel"].Str()));
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/healthz")).StatusCode);
    }
}
