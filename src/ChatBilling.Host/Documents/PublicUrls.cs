using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatBilling.Host.Documents;

/// <summary>The base of links put in emails and cards: <c>PublicBaseUrl</c>, or the first address the host listens on.</summary>
public sealed class PublicUrls(IConfiguration configuration, IServer server)
{
    public string Base
    {
        get
        {
            var configured = configuration["PublicBaseUrl"];
            var address = !string.IsNullOrWhiteSpace(configured) ? configured
                : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            return address.TrimEnd('/');
        }
    }

    public string To(string path) => $"{Base}/{path.TrimStart('/')}";
}
