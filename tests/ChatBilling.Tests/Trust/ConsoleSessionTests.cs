using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Trust.SignInLinks;

namespace ChatBilling.Tests.Trust;

/// <summary>Console sessions end on the server; sign-in links are limited and tell strangers nothing; forged posts are refused.</summary>
public sealed class ConsoleSessionTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://console.test");

    public void Dispose() => app.Dispose();

    /// <summary>Signs in with an emailed link; returns the client and the raw session cookie it was given.</summary>
    private async Task<(HttpClient Http, string Cookie)> SignedInAsync(string email = Dana)
    {
        var http = app.Http();
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(http, email)).StatusCode);
        var link = await ReadLinkAsync(app, http, email);
        using var raw = Raw(app);
        var used = await raw.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        var cookie = used.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        return (http, cookie);
    }

    private async Task<HttpStatusCode> MeWithAsync(string cookie)
    {
        using var raw = Raw(app);
        var request = new HttpRequestMessage(HttpMethod.Get, "/console/api/me");
        request.Headers.Add("Cookie", cookie);
        return (await raw.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_refused()
    {
        var (_, cookie) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, await MeWithAsync(cookie));
        using var raw = Raw(app);
        var signOut = Post("/console/api/sign-out");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await raw.SendAsync(signOut)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithAsync(cookie));
        Assert.Equal(0, await app.WithDbAsync(db => db.SignInSessions.CountAsync()));
    }

    [Fact]
    public async Task A_session_ends_on_the_server_when_it_expires()
    {
        var (_, cookie) = await SignedInAsync();
        app.Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithAsync(cookie));
    }

    [Fact]
    public async Task Known_and_unknown_emails_get_the_same_answer_and_the_same_work()
    {
        var http = app.Http();
        var known = await AskAsync(http, Dana);
        var unknown = await AskAsync(http, "nobody@example.com");
        Assert.Equal((known.StatusCode, known.Headers.Location), (unknown.StatusCode, unknown.Headers.Location));
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "console.sign-in-link")));
        Assert.Equal(0, MailCount(app));

        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml")));
        Assert.Equal(Dana, mail.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Sign_in_links_are_rate_limited_per_email_and_per_address()
    {
        var http = app.Http();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(http, "nobody@example.com")).StatusCode);
        var limited = await AskAsync(http, "NOBODY@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        await limited.ReadAsync(HttpStatusCode.TooManyRequests);

        // Seven more addresses are allowed from this address (ten in all), then it is refused whatever the email.
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(http, $"n{i}@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync(http, Sam)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData("null", null, HttpStatusCode.Forbidden)]
    [InlineData("null", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData(null, "cross-site", HttpStatusCode.Forbidden)]
    [InlineData(null, "same-site", HttpStatusCode.Forbidden)]
    [InlineData("null", "same-origin", HttpStatusCode.Redirect)]
    [InlineData("http://console.test", "same-origin", HttpStatusCode.Redirect)]
    public async Task Only_our_own_page_may_use_a_sign_in_link(string? origin, string? fetchSite, HttpStatusCode expected)
    {
        var http = app.Http();
        await AskAsync(http, Dana);
        var link = await ReadLinkAsync(app, http, Dana);
        using var raw = Raw(app);
        var post = new HttpRequestMessage(HttpMethod.Post, link);
        if (origin is not null) post.Headers.Add("Origin", origin);
        if (fetchSite is not null) post.Headers.Add("Sec-Fetch-Site", fetchSite);
        Assert.Equal(expected, (await raw.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_signs_in_reads_and_asks_but_has_no_buttons()
    {
        using var viewers = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://console.test")
            .With("Approvals:Viewers:0:Name", "Vic Viewer").With("Approvals:Viewers:0:Email", "vic@example.com");
        var http = viewers.Http();
        await http.SubmittedInvoiceAsync(5000m);
        await AskAsync(http, "vic@example.com");
        var link = await ReadLinkAsync(viewers, http, "vic@example.com");
        Assert.Equal("/console/", (await http.PostAsync(link, null)).RequestMessage!.RequestUri!.AbsolutePath);
        var me = await (await http.GetAsync("/console/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.False(me["mayDecide"]!.GetValue<bool>());
        var card = (await (await http.GetAsync("/console/api/inbox")).ReadArrayAsync()).Single()!;
        Assert.False(card["canDecide"]!.GetValue<bool>());
        var answer = await (await http.SendAsync(Post("/console/api/ask", new { text = "pending" }))).ReadAsync(HttpStatusCode.OK);
        Assert.StartsWith("Waiting for approval: 1 invoice", answer["text"].Str());
    }
}
