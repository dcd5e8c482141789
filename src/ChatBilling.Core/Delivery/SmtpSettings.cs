namespace ChatBilling.Core.Delivery;

/// <summary>The <c>Smtp</c> settings section of shared/CONTRACT.md. With no Host, mail is written to PickupDirectory.</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "";
    /// <summary>587 (submission with StartTLS) by default; 465 means TLS from the first byte.</summary>
    public int Port { get; init; } = 587;
    public string? UserName { get; init; }
    public string? Password { get; init; }
    /// <summary>An address, optionally with a display name: <c>Acme Billing &lt;billing@acme.example&gt;</c>.</summary>
    public string From { get; init; } = "ChatBilling <billing@localhost>";
    public bool UseTls { get; init; } = true;
    public string PickupDirectory { get; init; } = "mail-outbox";
    /// <summary>
    /// Connecting, the greeting, EHLO, STARTTLS and login together. RFC 5321 section 4.5.3.2 suggests clients wait
    /// 5 minutes for a greeting; a submission server on the same network answers in milliseconds, and the outbox
    /// retries, so 30 seconds turns a hung server into a retry without giving up on a merely slow one.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>MAIL, RCPT, DATA and the message (a PDF attached) until the server's 250.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>QUIT after the message was accepted; when it passes, the connection is dropped and the send still counts.</summary>
    public TimeSpan QuitTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// How long a connection may sit idle and still be reused for the next message. Well under the 5 minutes RFC 5321
    /// section 4.5.3.2.7 gives a server before it may drop an idle client, so a reused session is rarely found closed.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Messages sent on one connection before it is closed and a fresh one opened (many servers cap a session, often at 100).</summary>
    public int MaxMessagesPerConnection { get; init; } = 100;
}
