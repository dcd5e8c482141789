using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Console;

public sealed class ConsoleApiTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");

    public void Dispose() => app.Dispose();

    private static HttpRequestMessage Post(string path, object body, bool withHeader = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (withHeader) request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Http();
        (await http.SendAsync(Post("/console/api/sign-in", new { email }))).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task The_console_needs_a_signed_in_approver()
    {
        var http = app.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/console/api/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/console/api/me")).StatusCode);
        await (await http.SendAsync(Post("/console/api/sign-in", new { email = "mallory@example.com" }))).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/console/")).StatusCode);
    }

    [Fact]
    public async Task Writes_without_the_console_header_are_refused()
    {
        var http = app.Http();
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Post("/console/api/sign-in", new { email = Dana }, withHeader: false))).StatusCode);
    }

    [Fact]
    public async Task The_picker_is_off_outside_development_and_the_emailed_link_signs_in()
    {
        using var production = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://console.test");
        var http = production.Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/console/api/approvers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(Post("/console/api/sign-in", new { email = Dana }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Post("/console/api/sign-in-link", new { email = "nobody@example.com" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Post("/console/api/sign-in-link", new { email = Dana }))).StatusCode);
        // The link is emailed from the outbox, after the answer.
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(production.MailFolder, "*.eml")));
        Assert.Equal(Dana, mail.To.Mailboxes.Single().Address);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"http://console\.test(/console/sign-in/\S+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link[..^4] + "AAAA")).StatusCode);
        // Opening the link (as a mail scanner would) shows a button and signs nobody in.
        var page = await http.GetStringAsync(link);
        Assert.Contains("Sign in as Dana Approver", page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/console/api/me")).StatusCode);
        Assert.Equal("/console/", (await http.PostAsync(link, null)).RequestMessage!.RequestUri!.AbsolutePath);
        var me = await (await http.GetAsync("/console/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Dana Approver", me["name"].Str());
    }

    [Fact]
    public async Task A_sign_in_link_works_once_and_not_from_another_site()
    {
        using var production = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://console.test");
        var http = production.Http();
        var link = await EmailedLinkAsync(production, http);
        var foreign = new HttpRequestMessage(HttpMethod.Post, link);
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign)).StatusCode);

        Assert.Equal("/console/", (await http.PostAsync(link, null)).RequestMessage!.RequestUri!.AbsolutePath);
        using var other = production.Http();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(link, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/console/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_emailed_sign_in_link_expires_after_fifteen_minutes()
    {
        using var production = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://console.test");
        var http = production.Http();
        var link = await EmailedLinkAsync(production, http);

        production.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(link, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/console/api/me")).StatusCode);
    }

    private static async Task<string> EmailedLinkAsync(BillingApp production, HttpClient http)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Post("/console/api/sign-in-link", new { email = Dana }))).StatusCode);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(production.MailFolder, "*.eml")));
        return System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"http://console\.test(/console/sign-in/\S+)").Groups[1].Value;
    }

    [Fact]
    public async Task The_inbox_shows_buttons_only_to_who_may_decide_and_decisions_are_recorded_as_console()
    {
        var api = app.Http();
        var id = await api.SubmittedInvoiceAsync(5000);

        var dana = await SignedInAsync(Dana);
        var card = (await (await dana.GetAsync("/console/api/inbox")).ReadArrayAsync()).Single()!;
        Assert.Equal(("approval-request", true), (card["template"].Str(), card["canDecide"]!.GetValue<bool>()));
        Assert.Contains("Action.Execute", card["card"]!.ToJsonString());

        var fin = await SignedInAsync(Fin);
        var waiting = (await (await fin.GetAsync("/console/api/inbox")).ReadArrayAsync()).Single()!;
        Assert.Equal("decided", waiting["template"].Str());
        Assert.DoesNotContain("Action.Execute", waiting["card"]!.ToJsonString());

        var version = await api.CardVersionAsync(id);
        var reply = await (await dana.SendAsync(Post($"/console/api/invoices/{id}/decisions", new { decision = "approve", cardVersion = version })))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal("decided", reply["card"]!["template"].Str());
        var last = (await api.HistoryAsync(id)).Last()!;
        Assert.Equal((Dana, "console"), (last["actor"].Str(), last["channel"].Str()));

        var stale = await (await fin.SendAsync(Post($"/console/api/invoices/{id}/decisions", new { decision = "approve", cardVersion = version })))
            .ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains($"already approved by {Dana}", stale["message"].Str());
        Assert.Equal("decided", stale["card"]!["template"].Str());
    }

    [Fact]
    public async Task Asking_the_bot_answers_with_a_card()
    {
        var dana = await SignedInAsync(Dana);
        var answer = await (await dana.SendAsync(Post("/console/api/ask", new { text = "what's overdue?" }))).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Overdue: none.", answer["text"].Str());
        Assert.Equal("AdaptiveCard", answer["card"]!["type"].Str());
    }

    [Fact]
    public async Task The_exception_queue_lists_late_approvals()
    {
        var api = app.Http();
        await api.SubmittedInvoiceAsync(5000);
        app.Clock.Advance(TimeSpan.FromHours(30));
        var dana = await SignedInAsync(Dana);
        var queue = await (await dana.GetAsync("/console/api/exceptions")).ReadAsync(HttpStatusCode.OK);
        var late = queue["lateApprovals"]!.AsArray().Single()!;
        Assert.Equal(("INV-2026-0001", "30 h"), (late["number"].Str(), late["waiting"].Str()));
        Assert.Empty(queue["failedSends"]!.AsArray());
    }
}
