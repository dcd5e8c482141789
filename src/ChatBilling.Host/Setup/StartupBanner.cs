using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatBilling.Host.Setup;

public static class StartupBanner
{
    /// <summary>
    /// Once the server listens, one line names the console's address, so a first-time operator knows where to go without
    /// reading the README (ASP.NET Core's own "Now listening on" names only the root).
    /// </summary>
    public static WebApplication SayWhereTheConsoleIs(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                app.Logger.LogInformation("ChatBilling is ready: open {ConsoleUrl} in a browser.", address.TrimEnd('/') + "/console");
        });
        return app;
    }
}
