using System.Net;

namespace ChatBilling.Host.Console;

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
