using ChatBilling.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Teams;

/// <summary>Sends to one Teams conversation are paced under the documented per-thread limits, on the product's clock.</summary>
public sealed class ThreadPacerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_seventh_send_within_a_second_waits_for_the_window_to_move()
    {
        var pacer = new ThreadPacer(clock);
        for (var i = 0; i < 6; i++) await pacer.WaitTurnAsync("19:a@thread.tacv2", CancellationToken.None);

        var seventh = pacer.WaitTurnAsync("19:a@thread.tacv2", CancellationToken.None);
        var elsewhere = pacer.WaitTurnAsync("19:b@thread.tacv2", CancellationToken.None);

        Assert.True(elsewhere.IsCompletedSuccessfully);
        Assert.False(seventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(seventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await seventh;
    }

    [Fact]
    public async Task Sixty_sends_in_thirty_seconds_wait_for_the_thirty_second_window()
    {
        var pacer = new ThreadPacer(clock);
        for (var i = 0; i < 59; i++)
        {
            await pacer.WaitTurnAsync("19:a@thread.tacv2", CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }
        // 59 sends took 23.6 s; the 60th must wait until the first leaves the 30-second window.
        var next = pacer.WaitTurnAsync("19:a@thread.tacv2", CancellationToken.None);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(6.4));
        await next;
    }
}
