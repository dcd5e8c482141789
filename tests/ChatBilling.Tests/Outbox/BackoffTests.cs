using ChatBilling.Core.Outbox;

namespace ChatBilling.Tests.Outbox;

public class BackoffTests
{
    private static readonly OutboxSettings Settings = new() { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(1, 0.0, 15)]
    [InlineData(1, 0.999999, 30)]
    [InlineData(2, 0.0, 30)]
    [InlineData(3, 0.5, 90)]
    [InlineData(8, 1.0, 3600)]
    [InlineData(9, 0.0, 1800)]
    [InlineData(1000, 1.0, 3600)]
    public void Delay_doubles_per_attempt_is_capped_and_jittered_into_the_upper_half(int attempt, double jitter, int expectedSeconds) =>
        Assert.Equal(expectedSeconds, OutboxBackoff.Delay(attempt, Settings, jitter).TotalSeconds, precision: 0);
}
