using System.Net;

namespace ChatBilling.Host.WebConsole;

/// <summary>Where people land by mistake: <c>GET /</c> goes to the console, an unknown console path gets a page, not JSON.</summary>
internal static class ConsolePages
{
    public static void MapConsolePages(this IEndpointRouteBuilder app)
    {
        // Anonymous: a redirect and a not-found page tell nothing; the console's own API keeps its policies.
        app.MapGet("/", () => TypedResults.Redirect("/console")).AllowAnonymous().ExcludeFromDescription();
        // "nonfile" leaves /console/console.css and the scripts to the static files; unknown API paths stay problem details.
        app.MapFallback("/console/{**path:nonfile}", (string? path, HttpContext http) =>
            path?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true
                ? Results.Problem($"There is no console API /console/{path}.", statusCode: 404, title: "Not found")
                : Results.Content(NotFoundPage(http.Request.Path), "text/html; charset=utf-8", statusCode: 404)).AllowAnonymous();
    }

    /// <summary>
    /// The console's page from the web root (see <c>HostPaths</c>). A host laid out without its <c>wwwroot</c> says so in
    /// a page, with no server path in it, and logs where it looked; the rest of the host (API, chat) keeps working.
    /// </summary>
    public static IResult Index(IWebHostEnvironment env, ILoggerFactory logs)
    {
        var index = env.WebRootPath is { } root ? Path.Combine(root, "console", "index.html") : null;
        if (index is not null && File.Exists(index)) return TypedResults.PhysicalFile(index, "text/html; charset=utf-8");
        logs.CreateLogger("ChatBilling.Console").LogError("The console's files were not found (web root: {WebRoot}); publish the host with its wwwroot folder.",
            env.WebRootPath ?? "none");
        return Results.Content(MissingPage, "text/html; charset=utf-8", statusCode: 503);
    }

    private const string MissingPage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Console not installed · ChatBilling</title>
        </head>
        <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328;">
          <main>
            <h1>The console is not installed on this server</h1>
            <p>ChatBilling is running, but the web console's files are missing from where it was started.
              Start it from its published folder (<code>dotnet publish</code> copies the <code>wwwroot</code> folder next to the app),
              or from the project with <code>dotnet run</code>. The server log says where it looked.</p>
          </main>
        </body>
        </html>
        """;

    public static string NotFoundPage(string path) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Page not found · ChatBilling</title>
          <link rel="stylesheet" href="/console/console.css">
        </head>
        <body>
          <main class="signin">
            <div class="signin-card">
              <div class="brand"><span class="logo" aria-hidden="true">₵</span> ChatBilling</div>
              <h1>We could not find that page</h1>
              <p class="muted">There is nothing at <code>{{WebUtility.HtmlEncode(path)}}</code>. It may have moved, or the link may be mistyped.</p>
              <p><a class="button primary" href="/console">Go to the console</a></p>
            </div>
          </main>
        </body>
        </html>
        """;
}
