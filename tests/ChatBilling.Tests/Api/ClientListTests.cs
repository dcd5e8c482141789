using System.Net;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Api;

public sealed class ClientListTests : IDisposable
{
    private readonly BillingApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Clients_are_listed_by_name_searched_by_name_or_email_and_paged()
    {
        var http = app.Http();
        await http.CreateClientAsync(name: "Zeta Ltd");
        await http.CreateClientAsync(name: "Acme GmbH");
        await http.CreateClientAsync(name: "Mango Media");

        var all = await (await http.GetAsync("/api/clients")).ReadArrayAsync();
        Assert.Equal(["Acme GmbH", "Mango Media", "Zeta Ltd"], all.Select(c => c!["name"].Str()));
        var found = await (await http.GetAsync("/api/clients?search=ZETA")).ReadArrayAsync();
        Assert.Equal("Zeta Ltd", Assert.Single(found)!["name"].Str());
        var page = await (await http.GetAsync("/api/clients?limit=1&offset=1")).ReadArrayAsync();
        Assert.Equal("Mango Media", Assert.Single(page)!["name"].Str());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Bad_paging_names_the_field(string query, string field)
    {
        var problem = await (await app.Http().GetAsync($"/api/clients?{query}")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
    }
}
