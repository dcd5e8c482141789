using System.Net;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Infrastructure;
using MimeKit;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// Approve / Reject links in reminder emails: opening one (as a mail scanner does) only shows a confirmation page with
/// the preview; the page's POST decides, once, as the approver the link is bound to; forged or reused links change nothing.
/// </summary>
public sealed partial class EmailDecisionTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://billing.test");

    public void Dispose() => app.Dispose();

    /// <summary>A late invoice whose reminder went out; the links of the email to <paramref name="to"/>.</summary>
    private async Task<(string Id, string Approve, string Reject)> RemindedAsync(HttpClient http, string to = Dana)
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        app.Clock.Advance(TimeSpan.FromHours(25));
        (await http.PostAsync("/api/jobs/escalations/run", null)).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        // Only the reminders: the request emails of the submission carry links too (ApprovalRequestEmailTests).
        var mails = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => (m.Subject ?? "").StartsWith("Waiting for you:", StringComparison.Ordinal)).ToList();
        // One email per approver: each carries links bound to that person.
        Assert.All(mails, m => Assert.Single(m.To.Mailboxes));
        var mail = mails.Single(m => m.To.Mailboxes.Single().Address == to);
        var text = mail.TextBody ?? "";
        return (id, Link().Match(text[text.IndexOf("Approve:", StringComparison.Ordinal)..]).Groups[1].Value,
            Link().Match(text[text.IndexOf("Reject:", StringComparison.Ordinal)..]).Groups[1].Value);
    }

    [Fact]
    public async Task Opening_the_link_changes_nothing_and_the_confirmation_approves_once()
    {
        var http = app.Http();
        var (id, approve, _) = await RemindedAsync(http);

        var page = await http.GetAsync(approve);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Approve INV-", html);
        Assert.Contains("You are deciding as Dana Approver", html);
        Assert.Matches("<img class=\"email-decision-preview page\" src=\"http://billing.test/d/[^\"]+/preview.png\"", html);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));

        var decided = await http.PostAsync(approve, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("approved", await decided.Content.ReadAsStringAsync());
        Assert.Equal("Approved", await http.StatusAsync(id));
        var line = (await http.HistoryAsync(id)).Single(h => h!["action"].Str() == "approved")!;
        Assert.Equal((Dana, "email", "email-link"), (line["actor"].Str(), line["channel"].Str(), line["via"].Str()));

        var again = await http.PostAsync(approve, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Link already used", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_reject_link_needs_a_reason_and_keeps_working_until_one_is_given()
    {
        var http = app.Http();
        var (id, _, reject) = await RemindedAsync(http, Sam);
        Assert.Contains("<textarea id=\"reason\"", await http.GetStringAsync(reject));

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(reject, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
        var done = await http.PostAsync(reject, new FormUrlEncodedContent([new("reason", "Wrong rate")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Rejected", await http.StatusAsync(id));
        Assert.Equal("sam@example.com", (await http.HistoryAsync(id)).Single(h => h!["action"].Str() == "rejected")!["actor"].Str());
    }

    [Fact]
    public async Task A_forged_or_altered_link_is_404_and_changes_nothing()
    {
        var http = app.Http();
        var (id, approve, _) = await RemindedAsync(http);
        var forged = approve[..^6] + "AAAAAA";

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(forged)).StatusCode);
        var posted = await http.PostAsync(forged, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Contains("This link is not valid", await posted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/a/not-a-token", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
    }

    [Fact]
    public async Task An_expired_link_or_one_posted_from_another_site_changes_nothing()
    {
        var http = app.Http();
        var (id, approve, _) = await RemindedAsync(http);
        var foreign = new HttpRequestMessage(HttpMethod.Post, approve) { Content = new FormUrlEncodedContent([]) };
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign)).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(approve, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_link_whose_step_was_decided_meanwhile_is_refused_with_who_decided()
    {
        var http = app.Http();
        var (id, approve, _) = await RemindedAsync(http);
        await (await http.DecideAsync(id, Sam, "reject", "Not ours")).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync(approve)).StatusCode);
        var posted = await http.PostAsync(approve, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("already rejected by sam@example.com", await posted.Content.ReadAsStringAsync());
        Assert.Equal("Rejected", await http.StatusAsync(id));
    }

    [GeneratedRegex(@"http://billing\.test(/a/\S+)")]
    private static partial Regex Link();
}
