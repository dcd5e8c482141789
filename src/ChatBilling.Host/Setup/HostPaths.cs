namespace ChatBilling.Host.Setup;

/// <summary>
/// Where the host finds its settings and console. <c>dotnet run</c> starts in the project folder, where both are;
/// a published host may be started from anywhere (a service manager, a container's other folder), so when the
/// working directory holds no <c>wwwroot</c> but the app's own folder does, the app's folder is the content root.
/// The SQLite default (<c>chatbilling.db</c>) and the mail pickup folder stay relative to the working directory.
/// </summary>
public static class HostPaths
{
    public static WebApplicationOptions Options(string[] args)
    {
        var appFolder = AppContext.BaseDirectory;
        var fromAppFolder = !Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))
            && Directory.Exists(Path.Combine(appFolder, "wwwroot"));
        return new WebApplicationOptions { Args = args, ContentRootPath = fromAppFolder ? appFolder : null };
    }
}
