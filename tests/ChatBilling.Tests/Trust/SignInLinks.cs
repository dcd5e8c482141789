using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Trust;

/// <summary>Asking for a console sign-in link and reading it back from the pickup folder, as a person reads their mail.</summary>
internal static partial class SignInLinks
{
    public const string Header = "X-ChatBilling-Console";

    public static HttpRequestMessage Post(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(Header, "1");
        return request;
    }

    public static Task<HttpResponseMessage> AskAsync(HttpClient http, string email) => http.SendAsync(Post("/console/api/sign-in-link", new { email }));

    /// <summary>Drains the outbox (the link is emailed from it) and returns the path of the newest link sent to <paramref name="email"/>.</summary>
    public static async Task<string> ReadLinkAsync(BillingApp app, HttpClient http, string email)
    {
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == email)).OrderBy(m => m.Date).Last();
        return Link().Match(mail.TextBody ?? "").Groups[1].Value;
    }

    [GeneratedRegex(@"https?://[^/\s]+(/console/sign-in/\S+)")]
    private static partial Regex Link();

    public static int MailCount(BillingApp app) => Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml").Length : 0;

    /// <summary>A client of the host's real address that keeps no cookies and follows no redirects, to handle cookies by hand.</summary>
    public static HttpClient Raw(BillingApp app) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Http().BaseAddress };
}
