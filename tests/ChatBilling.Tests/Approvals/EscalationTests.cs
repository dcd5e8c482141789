using System.Net;
using ChatBilling.Tests.Infrastructure;
using MimeKit;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

public sealed class EscalationTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Approvals:DeadlineHours", "24");

    public void Dispose() => app.Dispose();

    private async Task<string> RunAsync(HttpClient http)
    {
        var run = await (await http.PostAsync("/api/jobs/escalations/run", null)).ReadAsync(HttpStatusCode.OK);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        return run["summary"].Str();
    }

    // The chasing emails only; the request emails of the submission are ApprovalRequestEmailTests'.
    private List<string> Recipients() => Directory.Exists(app.MailFolder)
        ? Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => !(m.Subject ?? "").StartsWith("Approval requested:", StringComparison.Ordinal))
            .SelectMany(m => m.To.Mailboxes.Select(b => $"{b.Address}: {(m.Subject ?? "").Split(':')[0]}")).Order().ToList()
        : [];

    [Fact]
    public async Task A_late_step_is_reminded_once_then_escalated_to_managers_who_may_then_decide()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal("0 step(s) reminded, 0 escalated.", await RunAsync(http));

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("1 step(s) reminded, 0 escalated.", await RunAsync(http));
        Assert.Equal("0 step(s) reminded, 0 escalated.", await RunAsync(http));
        Assert.Equal([$"{Dana}: Waiting for you", $"{Sam}: Waiting for you"], Recipients());
        await (await http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.Forbidden);

        app.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal("0 step(s) reminded, 1 escalated.", await RunAsync(http));
        Assert.Equal("0 step(s) reminded, 0 escalated.", await RunAsync(http));
        Assert.Contains($"{Fin}: Escalated", Recipients());

        await (await http.DecideAsync(id, Fin, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", await http.StatusAsync(id));
        var actions = (await http.HistoryAsync(id)).Select(h => h!["action"].Str()).ToList();
        Assert.Equal(["created", "submitted", "approval-reminded", "escalated", "approved"], actions);
    }

    [Fact]
    public async Task Decided_steps_are_left_alone()
    {
        var http = app.Http();
        var id = await http.SubmittedInvoiceAsync(5000);
        await (await http.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal("0 step(s) reminded, 0 escalated.", await RunAsync(http));
    }
}
