using System.Net;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// Through the real HTTP pipeline with Slack on (against the fake Slack Web API) and a mail server that accepts
/// connections and never answers: the card follows the submission and the decision without any sends job being run.
/// </summary>
public sealed class ChatLaneAppTests : IAsyncLifetime
{
    private const string Channel = "C0APPROVALS";
    private FakeSlackApi slack = null!;
    private HungSmtpServer hung = null!;
    private BillingApp app = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        hung = new HungSmtpServer();
        app = new BillingApp().WithApprovers()
            .With("Slack:SigningSecret", "test-signing-secret-0123456789").With("Slack:BotToken", FakeSlackApi.BotToken)
            .With("Slack:ApiBaseUrl", slack.BaseUrl).With("Slack:ApprovalChannel", Channel)
            // Pacing waits on the fake clock, which this test does not move while cards go out.
            .With("Slack:MessageInterval", "00:00:00")
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", $"{hung.Port}").With("Smtp:UseTls", "false")
            .With("Outbox:DispatchOnCommit", "true")
            // The hung server's first connection must be the invoice email's, not an approver's request email.
            .With("Approvals:RequestEmails", "false");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await hung.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task The_card_follows_submit_and_decision_without_the_poll_while_the_mail_server_hangs()
    {
        var http = app.Http();
        var kicker = app.Services.GetRequiredService<OutboxKicker>();

        var id = await http.SubmittedInvoiceAsync(5000);
        await kicker.UntilAsync(() => Task.FromResult(slack.Of("chat.postMessage").Any(c => c.Args["channel"]?.ToString() == Channel
            && c.Args["blocks"] is not null)), "the approval card in Slack");

        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        await hung.FirstConnection.WaitAsync(TimeSpan.FromSeconds(30));
        await kicker.UntilAsync(() => Task.FromResult(slack.Of("chat.update").Count > 0), "the card updated in Slack");

        // The email is still on its first attempt, waiting for a greeting, while the card was updated.
        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == SendInvoiceEmailHandler.Kind));
        Assert.Equal((OutboxStatus.Pending, 1, null), (email.Status, email.Attempts, email.LastError));
        Assert.NotNull(email.LeaseOwner);
        Assert.Equal(0, (int)(await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind != SendInvoiceEmailHandler.Kind
            && m.Status != OutboxStatus.Done))));
    }
}
