using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Teams;

/// <summary>Sends to one Teams conversation are paced under the documented per-thread limits, on the product's clock, without waiting.</summary>
public sealed class ThreadPacerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_seventh_send_within_a_second_is_told_to_come_back_when_the_window_moves()
    {
        var pacer = new ThreadPacer(clock);
        for (var i = 0; i < 6; i++) Assert.Null(pacer.TryTakeTurn("19:a@thread.tacv2"));

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.TryTakeTurn("19:a@thread.tacv2"));
        Assert.Null(pacer.TryTakeTurn("19:b@thread.tacv2"));
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), pacer.TryTakeTurn("19:a@thread.tacv2"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(pacer.TryTakeTurn("19:a@thread.tacv2"));
    }

    [Fact]
    public void Sixty_sends_in_thirty_seconds_wait_for_the_thirty_second_window()
    {
        var pacer = new ThreadPacer(clock);
        for (var i = 0; i < 59; i++)
        {
            Assert.Null(pacer.TryTakeTurn("19:a@thread.tacv2"));
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }
        // 59 sends took 23.6 s; the 60th must wait until the first leaves the 30-second window.
        Assert.Equal(TimeSpan.FromSeconds(6.4), pacer.TryTakeTurn("19:a@thread.tacv2"));
        clock.Advance(TimeSpan.FromSeconds(6.4));
        Assert.Null(pacer.TryTakeTurn("19:a@thread.tacv2"));
    }
}
