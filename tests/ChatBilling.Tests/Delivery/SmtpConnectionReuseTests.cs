using ChatBilling.Core.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ChatBilling.Tests.Delivery;

/// <summary>
/// The SMTP sender reuses its session for the next message, sends every message exactly once, and replaces a session
/// the server closed or that idled too long; the clock is a fake one, so "too long" takes no waiting.
/// </summary>
public sealed class SmtpConnectionReuseTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private SmtpEmailSender Sender(int port, int maxPerConnection = 100) =>
        new(Options.Create(new SmtpSettings
        {
            Host = "127.0.0.1", Port = port, UseTls = false, IdleTimeout = TimeSpan.FromSeconds(30), MaxMessagesPerConnection = maxPerConnection,
        }), clock, NullLogger<SmtpEmailSender>.Instance);

    private static MimeMessage Message(int n)
    {
        var message = new MimeMessage { Subject = $"Invoice {n}", MessageId = $"m{n}@chatbilling.test", Body = new TextPart("plain") { Text = "Hello" } };
        message.From.Add(MailboxAddress.Parse("billing@chatbilling.test"));
        message.To.Add(MailboxAddress.Parse("ap@client.example"));
        return message;
    }

    private static IEnumerable<string> Ids(params int[] numbers) => numbers.Select(n => $"<m{n}@chatbilling.test>");

    [Fact]
    public async Task Messages_in_a_row_share_one_session_and_each_arrives_once()
    {
        await using var server = new CountingSmtpServer();
        await using (var sender = Sender(server.Port))
            for (var n = 1; n <= 5; n++) await sender.SendAsync(Message(n), default);

        Assert.Equal(1, server.Connections);
        Assert.Equal(Ids(1, 2, 3, 4, 5), server.MessageIds);
    }

    [Fact]
    public async Task A_session_the_server_closed_is_replaced_and_no_message_is_lost_or_doubled()
    {
        await using var server = new CountingSmtpServer { DropAfterEachMessage = true };
        await using (var sender = Sender(server.Port))
            for (var n = 1; n <= 3; n++) await sender.SendAsync(Message(n), default);

        Assert.Equal(3, server.Connections); // each next message found its session gone and connected afresh
        Assert.Equal(Ids(1, 2, 3), server.MessageIds);
    }

    [Fact]
    public async Task A_session_idle_past_the_idle_timeout_or_past_its_message_cap_is_not_reused()
    {
        await using var server = new CountingSmtpServer();
        await using (var sender = Sender(server.Port, maxPerConnection: 2))
        {
            await sender.SendAsync(Message(1), default);
            clock.Advance(TimeSpan.FromSeconds(31));
            await sender.SendAsync(Message(2), default); // a new session: the first idled too long
            await sender.SendAsync(Message(3), default); // its second message: the cap, so it is closed after
            await sender.SendAsync(Message(4), default); // a third session
        }

        Assert.Equal(3, server.Connections);
        Assert.Equal(Ids(1, 2, 3, 4), server.MessageIds);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_the_send_so_the_outbox_retries_it()
    {
        await using var sender = Sender(SmtpSink.UnusedPort());

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Message(1), default));
    }
}
