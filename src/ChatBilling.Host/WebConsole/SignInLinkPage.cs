using System.Net;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// The page an emailed sign-in link opens: who it signs in as, and one button that uses the link. Its Referrer-Policy
/// (same-origin, from <see cref="Security.SecurityHeaders"/>) keeps the token out of other sites' logs while letting
/// the form post our real Origin; <c>no-referrer</c> made Chromium and Firefox post <c>Origin: null</c>.
/// </summary>
internal static class SignInLinkPage
{
    public static string Render(string approverName, string token) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sign in · ChatBilling</title>
          <link rel="stylesheet" href="/console/console.css">
        </head>
        <body>
          <main class="signin">
            <section class="signin-card">
              <div class="brand"><span class="logo">₵</span> ChatBilling</div>
              <h1>Sign in as {WebUtility.HtmlEncode(approverName)}</h1>
              <p class="muted">This link works once and for {ConsoleSignIn.LinkLifetime.TotalMinutes:0} minutes after it was sent.</p>
              <form method="post" action="/console/sign-in/{WebUtility.HtmlEncode(token)}">
                <button class="primary" type="submit">Sign in to the console</button>
              </form>
            </section>
          </main>
        </body>
        </html>
        """;
}
