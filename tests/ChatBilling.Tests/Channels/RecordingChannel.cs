using System.Collections.Concurrent;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;

namespace ChatBilling.Tests.Channels;

/// <summary>A chat channel that records what the core asks of it; it can be told to fail the next calls.</summary>
public sealed class RecordingChannel : IChatChannel
{
    public ConcurrentQueue<(string Call, object Payload)> Calls { get; } = new();
    private int failuresLeft;
    private int posted;

    public void FailNext(int times) => failuresLeft = times;

    public Task<ChatMessageRef> PostApprovalAsync(ChannelApproval approval, CancellationToken ct)
    {
        Record("post", approval);
        return Task.FromResult(new ChatMessageRef("C-approvals", $"m{Interlocked.Increment(ref posted)}"));
    }

    public bool FollowsUpApprovalPosts => true;

    public Task AfterApprovalPostedAsync(ChatMessageRef posted, Guid invoiceId, CancellationToken ct)
    {
        Record("follow-up", (posted, invoiceId));
        return Task.CompletedTask;
    }

    public Task UpdateApprovalAsync(ChatMessageRef posted, ChannelApproval approval, CancellationToken ct)
    {
        Record("update", (posted, approval));
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(DigestCard digest, CancellationToken ct)
    {
        Record("digest", digest);
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(ChatNotice notice, CancellationToken ct)
    {
        Record("notice", notice);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Of<T>(string call) => Calls.Where(c => c.Call == call).Select(c => (T)c.Payload).ToList();

    private void Record(string call, object payload)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0) throw new HttpRequestException("chat platform unavailable");
        Calls.Enqueue((call, payload));
    }
}
