using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;
using MimeKit;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// When a step starts waiting (submit, the previous step approved, a reassignment, a delegation), each person who may
/// decide it gets one request email with the invoice, the route and their own Approve / Reject links; nobody else
/// does, and nothing is sent twice.
/// </summary>
public sealed partial class ApprovalRequestEmailTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("PublicBaseUrl", "http://billing.test");

    public void Dispose() => app.Dispose();

    private List<MimeMessage> Mails() => Directory.Exists(app.MailFolder)
        ? Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList() : [];

    private List<MimeMessage> Requests(string to) =>
        Mails().Where(m => (m.Subject ?? "").StartsWith("Approval requested:", StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == to)).ToList();

    private async Task SendAsync(HttpClient http) => (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

    [Fact]
    public async Task Submitting_emails_each_person_who_may_decide_once_through_smtp_with_the_route_and_their_own_links()
    {
        await using var smtp = await SmtpSink.StartAsync();
        app.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:UseTls", "false").With("Smtp:From", "billing@demo.test");
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        await SendAsync(http);
        await SendAsync(http);

        var mails = smtp.Received();
        // Dana and Sam hold the approver role; Fin (finance) may not decide this step and learns nothing about it.
        Assert.Equal([Dana, Sam], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var dana = mails.Single(m => m.To.Mailboxes.Single().Address == Dana);
        Assert.Equal("Approval requested: INV-2026-0001 for Acme GmbH (€5,000.00), step 1 of 1 (approver)", dana.Subject);
        var text = dana.TextBody ?? "";
        Assert.Contains("Invoice INV-2026-0001 for Acme GmbH (€5,000.00, due 22 Dec 2026) waits for your decision", text);
        Assert.Contains("1. approver (waiting for you): Dana Approver, Sam Second", text);
        var approve = Link().Match(text[text.IndexOf("Approve:", StringComparison.Ordinal)..]).Groups[1].Value;
        Assert.Contains("Reject: http://billing.test/a/", text);

        // The same signed link as the reminders: opening it changes nothing, the page's POST decides as Dana.
        Assert.Contains("You are deciding as Dana Approver", await http.GetStringAsync(approve));
        Assert.Equal("PendingApproval", await http.StatusAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(approve, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal("Approved", await http.StatusAsync(id));
    }

    [Fact]
    public async Task The_next_step_emails_only_its_own_deciders_when_the_previous_one_is_approved()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(26000m);
        await SendAsync(http);
        Assert.Empty(Requests(Fin));

        await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        await SendAsync(http);
        var fin = Assert.Single(Requests(Fin));
        Assert.Contains("step 2 of 2 (finance)", fin.Subject);
        Assert.Contains("Dana Approver approved step 1 of 2 (approver).", fin.TextBody);
        Assert.Contains("1. approver (approved)", fin.TextBody);
        Assert.Contains("2. finance (waiting for you): Fin Manager", fin.TextBody);
        // Dana and Sam were asked for step 1 only.
        Assert.Single(Requests(Dana));
        Assert.Single(Requests(Sam));
    }

    [Fact]
    public async Task A_reassignment_emails_the_new_assignee_with_the_note()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        await (await http.PostAsJsonAsync($"/api/invoices/{id}/reassign", new { by = Dana, to = "Sam Second", note = "You know Acme" }))
            .ReadAsync(HttpStatusCode.OK);
        await SendAsync(http);

        var sam = Requests(Sam);
        Assert.Equal(2, sam.Count);
        Assert.Contains(sam, m => (m.TextBody ?? "").Contains("Dana Approver handed it to you: You know Acme"));
        // Dana's request was judged again when it went: the step was no longer hers, so she was told nothing.
        Assert.Empty(Requests(Dana));
    }

    [Fact]
    public async Task A_delegation_that_holds_today_emails_the_delegate_about_the_steps_already_waiting()
    {
        var http = app.Http();
        await http.SubmittedInvoiceAsync(5000m);
        await (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = "Fin Manager", endsOn = "2026-12-24" }))
            .ReadAsync(HttpStatusCode.Created);
        await SendAsync(http);

        var fin = Assert.Single(Requests(Fin));
        Assert.Contains("Dana Approver is away until 2026-12-24 and delegated their approvals to you.", fin.TextBody);
        Assert.Contains("You decide for Dana Approver, who is away (a delegation).", fin.TextBody);
    }

    [Fact]
    public async Task A_future_dated_delegation_emails_the_delegate_when_it_begins_once_per_step()
    {
        var http = app.Http();
        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        await http.SubmittedInvoiceAsync(5000m);
        await (await http.PostAsJsonAsync("/api/delegations", new { from = Dana, to = "Fin Manager", startsOn = tomorrow.ToString("yyyy-MM-dd"), endsOn = "2026-12-24" }))
            .ReadAsync(HttpStatusCode.Created);
        await RunAsync(http, "delegations");
        await SendAsync(http);
        // Not begun yet: Fin learns nothing about Dana's step.
        Assert.Empty(Requests(Fin));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("1 delegation(s) began", await RunAsync(http, "delegations"));
        await SendAsync(http);
        var fin = Assert.Single(Requests(Fin));
        Assert.Contains("Dana Approver is away until 2026-12-24 and delegated their approvals to you.", fin.TextBody);

        // The next hourly runs (and the next day's, which still looks back one day) send nothing again.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync(http, "delegations");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(http, "delegations");
        await SendAsync(http);
        Assert.Single(Requests(Fin));
    }

    private static async Task<string> RunAsync(HttpClient http, string job)
    {
        var response = await http.PostAsync($"/api/jobs/{job}/run", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_step_decided_before_its_email_went_sends_nothing_and_the_setting_switches_them_off()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000m);
        await (await http.DecideAsync(id, Sam, "reject", "Wrong client")).ReadAsync(HttpStatusCode.OK);
        await SendAsync(http);
        Assert.Empty(Requests(Dana));

        using var quiet = new BillingApp().WithApprovers().With("Approvals:RequestEmails", "false");
        var other = quiet.Http();
        await other.SubmittedInvoiceAsync(5000m);
        (await other.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.False(Directory.Exists(quiet.MailFolder) && Directory.GetFiles(quiet.MailFolder, "*.eml").Length > 0);
    }

    [GeneratedRegex(@"http://billing\.test(/a/\S+)")]
    private static partial Regex Link();
}
