using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Teams;

/// <summary>Sends to one Teams conversation are paced under the documented per-thread limits, on the product's clock, without waiting.</summary>
public sealed class TeamsRateLimitsTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly ChatPacer pacer;

    public TeamsRateLimitsTests() => pacer = new ChatPacer(clock);

    /// <summary>A send that may not wait (an answer while Teams waits): null when it goes now, else how long until it could.</summary>
    private TimeSpan? TryTakeTurn(string thread)
    {
        try
        {
            _ = pacer.WaitTurnAsync(TimeSpan.Zero, CancellationToken.None, TeamsRateLimits.For(thread));
            return null;
        }
        catch (OutboxRetryAfterException refused)
        {
            return refused.RetryAfter;
        }
    }

    [Fact]
    public void The_seventh_send_within_a_second_is_told_to_come_back_when_the_window_moves()
    {
        for (var i = 0; i < 6; i++) Assert.Null(TryTakeTurn("19:a@thread.tacv2"));

        Assert.Equal(TimeSpan.FromSeconds(1), TryTakeTurn("19:a@thread.tacv2"));
        Assert.Null(TryTakeTurn("19:b@thread.tacv2"));
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), TryTakeTurn("19:a@thread.tacv2"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(TryTakeTurn("19:a@thread.tacv2"));
    }

    [Fact]
    public void Sixty_sends_in_thirty_seconds_wait_for_the_thirty_second_window()
    {
        for (var i = 0; i < 59; i++)
        {
            Assert.Null(TryTakeTurn("19:a@thread.tacv2"));
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }
        // 59 sends took 23.6 s; the 60th must wait until the first leaves the 30-second window.
        Assert.Equal(TimeSpan.FromSeconds(6.4), TryTakeTurn("19:a@thread.tacv2"));
        clock.Advance(TimeSpan.FromSeconds(6.4));
        Assert.Null(TryTakeTurn("19:a@thread.tacv2"));
    }
}
