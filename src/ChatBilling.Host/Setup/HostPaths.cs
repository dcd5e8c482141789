using System.Text.Json;

namespace ChatBilling.Host.Setup;

/// <summary>
/// Where the host finds its settings and console. <c>dotnet run</c> starts in the project folder, where both are;
/// a published host may be started from anywhere (a service manager, a container's other folder), so when the
/// working directory holds no <c>wwwroot</c> but the app's own folder does, the app's folder is the content root.
/// A build's <c>bin/</c> output has no <c>wwwroot</c> of its own: its static web assets manifest names the project's,
/// so that one is the web root then. The SQLite default (<c>chatbilling.db</c>) and the mail pickup folder stay
/// relative to the working directory.
/// </summary>
public static class HostPaths
{
    public static WebApplicationOptions Options(string[] args)
    {
        var appFolder = AppContext.BaseDirectory;
        var here = Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"));
        var fromAppFolder = !here && Directory.Exists(Path.Combine(appFolder, "wwwroot"));
        var webRoot = here || fromAppFolder ? null : BuildWebRoot(appFolder);
        return new WebApplicationOptions { Args = args, ContentRootPath = fromAppFolder ? appFolder : null, WebRootPath = webRoot };
    }

    /// <summary>
    /// The project's <c>wwwroot</c> as the build recorded it in <c>ChatBilling.Host.staticwebassets.runtime.json</c>
    /// (its first content root; ASP.NET Core reads the same file in Development), or null when there is none.
    /// </summary>
    internal static string? BuildWebRoot(string appFolder)
    {
        var manifest = Path.Combine(appFolder, $"{typeof(HostPaths).Assembly.GetName().Name}.staticwebassets.runtime.json");
        if (!File.Exists(manifest)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var roots = json.RootElement.TryGetProperty("ContentRoots", out var found) && found.ValueKind == JsonValueKind.Array ? found : default;
            var first = roots.ValueKind == JsonValueKind.Array ? roots.EnumerateArray().Select(r => r.GetString()).FirstOrDefault() : null;
            return first is not null && Directory.Exists(Path.Combine(first, "console")) ? Path.GetFullPath(first) : null;
        }
        catch (JsonException)
        {
            // A damaged manifest is the same as none: the console then says it cannot be found.
            return null;
        }
    }
}
