using System.Net;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Setup;

/// <summary>
/// `dotnet run` starts the host in Development, where ASP.NET Core validates every registration when the host is
/// built (ServiceProviderOptions.ValidateOnBuild). A registration that cannot be built stops the first run a newcomer
/// tries, while every other test, in "Testing", would still pass.
/// </summary>
public sealed class DevelopmentHostTests
{
    [Fact]
    public async Task The_host_starts_in_Development_and_serves_the_console()
    {
        using var app = new BillingApp().InEnvironment("Development");
        using var http = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var console = await http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("<html", await console.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
