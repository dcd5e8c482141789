using System.Net;

namespace ChatBilling.Host.EmailDecisions;

/// <summary>
/// The pages an email decision link shows: the confirmation (the invoice, its first page, one button that decides) and
/// the outcome. No inline script or style, so the console's Content-Security-Policy holds here too.
/// </summary>
internal static class EmailDecisionPage
{
    public static string Confirm(string token, bool approve, string approverName, string number, string client, string amount, string step,
        string previewUrl, string pdfUrl)
    {
        var verb = approve ? "Approve" : "Reject";
        var reason = approve ? "" : """
                  <div class="field"><label for="reason">Reason (the requester reads it)</label>
                  <textarea id="reason" name="reason" required maxlength="1000" rows="3"></textarea></div>
            """;
        return Page($"{verb} {number}", $"""
              <h1>{verb} {E(number)}?</h1>
              <p>{E(client)} · {E(amount)} · {E(step)}</p>
              <p class="muted">You are deciding as {E(approverName)}. Nothing changes until you press the button below.</p>
              <form method="post" action="/a/{E(token)}">
            {reason}
                <button class="{(approve ? "primary" : "danger")}" type="submit">{verb} {E(number)}</button>
              </form>
              <p><a href="{E(pdfUrl)}">Open the PDF</a></p>
              <img class="email-decision-preview page" src="{E(previewUrl)}" alt="Invoice {E(number)}, page 1" width="1000" height="1415">
            """);
    }

    public static string Outcome(string title, string message) => Page(title, $"""
              <h1>{E(title)}</h1>
              <p>{E(message)}</p>
              <p><a href="/console/">Open the console</a></p>
            """);

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>{E(title)} · ChatBilling</title>
          <link rel="stylesheet" href="/console/console.css">
          <link rel="stylesheet" href="/console/screens.css">
        </head>
        <body>
          <main class="signin">
            <section class="signin-card">
              <div class="brand"><span class="logo">₵</span> ChatBilling</div>
        {body}
            </section>
          </main>
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
