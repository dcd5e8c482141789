using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Channels;

/// <summary>What the core asks of a chat channel, through the outbox: post, follow up, update, remind, digest.</summary>
public sealed class ChannelSeamTests : IDisposable
{
    private readonly RecordingChannel channel = new();
    private readonly BillingApp app;
    private readonly HttpClient http;

    public ChannelSeamTests()
    {
        app = new BillingApp().WithApprovers()
            .With("Digest:TimeOfDay", "08:00")
            .WithServices(s => s.AddSingleton(channel).AddChatChannel<ForwardingChannel>("recording"));
        http = app.Http();
    }

    [Fact]
    public async Task A_submission_posts_one_card_with_buttons_and_its_follow_up_once()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        await DrainAsync();
        await DrainAsync();

        var post = Assert.Single(channel.Of<ChannelApproval>("post"));
        Assert.Equal(Guid.Parse(id), post.InvoiceId);
        Assert.True(post.Card.CanDecide);
        var card = Assert.IsType<ApprovalRequestCard>(post.Card.Card);
        Assert.Equal(post.Number, card.Number);
        // Dana and Sam hold the approver role; Fin does not.
        Assert.Equal([ApprovalFixture.Dana, ApprovalFixture.Sam], post.DecidableBy.Select(a => a.Email).Order());
        var (followed, invoice) = Assert.Single(channel.Of<(ChatMessageRef, Guid)>("follow-up"));
        Assert.Equal(new ChatMessageRef("C-approvals", "m1"), followed);
        Assert.Equal(Guid.Parse(id), invoice);
    }

    [Fact]
    public async Task A_card_claimed_by_a_host_that_died_before_posting_is_posted_once_after_its_lease()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        var lease = TimeSpan.FromMinutes(5);
        var claimed = await app.WithDbAsync(db => db.ClaimAsync("dead-host/1", app.Clock.GetUtcNow(), app.Clock.GetUtcNow(), lease, 10, default));
        Assert.Contains(claimed, m => m.Kind == ChatOutbox.PostKind);

        await DrainAsync();
        Assert.Empty(channel.Of<ChannelApproval>("post"));

        app.Clock.Advance(lease);
        await DrainAsync();
        await DrainAsync();
        var post = Assert.Single(channel.Of<ChannelApproval>("post"));
        Assert.Equal(Guid.Parse(id), post.InvoiceId);
        Assert.Single(channel.Of<(ChatMessageRef, Guid)>("follow-up"));
        Assert.Single(await app.WithDbAsync(db => db.ChatPosts.ToListAsync()));
    }

    [Fact]
    public async Task A_decision_updates_the_posted_card_to_the_outcome_without_buttons()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        await DrainAsync();
        (await http.DecideAsync(id, ApprovalFixture.Dana, "reject", "Wrong rate")).EnsureSuccessStatusCode();
        await DrainAsync();

        var (where, shown) = Assert.Single(channel.Of<(ChatMessageRef, ChannelApproval)>("update"));
        Assert.Equal(new ChatMessageRef("C-approvals", "m1"), where);
        Assert.False(shown.Card.CanDecide);
        var decided = Assert.IsType<DecidedCard>(shown.Card.Card);
        Assert.Equal(DecisionOutcome.Rejected, decided.Outcome);
        Assert.Contains("Wrong rate", decided.OutcomeText);
    }

    [Fact]
    public async Task An_update_queued_before_its_card_is_posted_waits_for_the_post_instead_of_being_lost()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        channel.FailNext(1); // the post fails once and is retried later
        await DrainAsync();
        (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).EnsureSuccessStatusCode();
        await DrainAsync();
        Assert.Empty(channel.Of<ChannelApproval>("post"));

        app.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync();

        Assert.Single(channel.Of<ChannelApproval>("post"));
        var (_, shown) = Assert.Single(channel.Of<(ChatMessageRef, ChannelApproval)>("update"));
        Assert.IsType<DecidedCard>(shown.Card.Card);
    }

    [Fact]
    public async Task A_late_step_is_reminded_then_escalated_in_the_cards_thread()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        await DrainAsync();
        app.Clock.Advance(TimeSpan.FromHours(25));
        await RunAsync("escalations");
        app.Clock.Advance(TimeSpan.FromHours(24));
        await RunAsync("escalations");
        await RunAsync("escalations");
        await DrainAsync();

        var notices = channel.Of<ChatNotice>("notice");
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(new ChatMessageRef("C-approvals", "m1"), n.Thread));
        Assert.Equal([ApprovalFixture.Dana, ApprovalFixture.Sam], notices[0].People.Select(p => p.Email).Order());
        Assert.Equal([ApprovalFixture.Fin], notices[1].People.Select(p => p.Email));
        Assert.Contains("escalated", notices[1].Text);
        Assert.Equal(Guid.Parse(id), notices[1].InvoiceId);
    }

    [Fact]
    public async Task The_digest_is_posted_once_a_day_however_often_the_job_runs()
    {
        await RunAsync("digest");
        await RunAsync("digest");
        await DrainAsync();
        Assert.Single(channel.Of<DigestCard>("digest"));
    }

    [Fact]
    public async Task Voiding_a_waiting_invoice_takes_the_buttons_off_its_card()
    {
        var id = await http.SubmittedInvoiceAsync(5000m);
        await DrainAsync();
        (await http.PostAsync($"/api/invoices/{id}/void", Rest.Json("""{"reason":"Duplicate"}"""))).EnsureSuccessStatusCode();
        await DrainAsync();
        var (_, shown) = Assert.Single(channel.Of<(ChatMessageRef, ChannelApproval)>("update"));
        Assert.Contains("Voided", Assert.IsType<DecidedCard>(shown.Card.Card).OutcomeText);
    }

    private Task DrainAsync() => RunAsync("sends");

    private async Task RunAsync(string job) => (await http.PostAsync($"/api/jobs/{job}/run", null)).EnsureSuccessStatusCode();

    public void Dispose() => app.Dispose();

    /// <summary>Channels are resolved per scope; this forwards to the one recording instance the test inspects.</summary>
    private sealed class ForwardingChannel(RecordingChannel inner) : IChatChannel
    {
        public Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct) => inner.PostApprovalAsync(approval, ct);
        public bool FollowsUpApprovalPosts => inner.FollowsUpApprovalPosts;
        public Task AfterApprovalPostedAsync(ChatMessageRef posted, Guid invoiceId, CancellationToken ct) => inner.AfterApprovalPostedAsync(posted, invoiceId, ct);
        public Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct) => inner.UpdateApprovalAsync(posted, approval, ct);
        public Task PostDigestAsync(DigestCard digest, CancellationToken ct) => inner.PostDigestAsync(digest, ct);
        public Task PostNoticeAsync(ChatNotice notice, CancellationToken ct) => inner.PostNoticeAsync(notice, ct);
    }
}
