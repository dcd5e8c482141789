using System.Security.Cryptography;
using ChatBilling.Core.Delivery;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ChatBilling.Tests.Delivery;

public sealed class InvoiceEmailTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = RandomNumberGenerator.GetBytes(30 * 1024);
    private static readonly Uri Link = new("https://bills.example/i/t0k3n?x=1&y=2");
    private readonly InvoiceEmailBuilder builder = new(
        Options.Create(new SmtpSettings { From = "Acme Billing <billing@acme.example>" }), new FakeTimeProvider(BillingApp.Start));
    private SmtpSink sink = null!;

    public async Task InitializeAsync() => sink = await SmtpSink.StartAsync();

    public async Task DisposeAsync() => await sink.DisposeAsync();

    [Fact]
    public async Task Email_received_over_smtp_has_the_pdf_bytes_both_bodies_the_link_and_the_message_id()
    {
        await Smtp().SendAsync(builder.Build(Email()), default);

        var received = Assert.Single(sink.Received());
        Assert.Equal(InvoiceEmailBuilder.MessageIdFor("invoice.email:42:v3"), received.MessageId);
        Assert.Equal("Invoice INV-2026-0042", received.Subject);
        Assert.Equal("billing@acme.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("ap@client.example", received.To.Mailboxes.Single().Address);
        Assert.Equal(BillingApp.Start, received.Date);
        var attachment = Assert.IsType<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal(("INV-2026-0042.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        Assert.Equal(SHA256.HashData(Pdf), SHA256.HashData(await ReceivedMail.AttachmentBytesAsync(received)));
        Assert.Contains("invoice INV-2026-0042 for 1,234.50 EUR, due on 22 December 2026", received.TextBody);
        Assert.Contains(Link.AbsoluteUri, received.TextBody);
        Assert.Contains("""<a href="https://bills.example/i/t0k3n?x=1&amp;y=2">""", received.HtmlBody);
    }

    [Fact]
    public void Html_body_escapes_client_text_and_the_text_body_keeps_it_as_written()
    {
        var message = builder.Build(Email(clientName: "<script>alert('x')</script> & Sons", number: "INV\"<b>"));

        Assert.Contains("Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons,", message.HtmlBody);
        Assert.Contains("invoice INV&quot;&lt;b&gt; for", message.HtmlBody);
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("Dear <script>alert('x')</script> & Sons,", message.TextBody);
        Assert.Equal("INV--b-.pdf", message.Attachments.OfType<MimePart>().Single().FileName);
    }

    [Fact]
    public void Link_that_is_not_http_is_refused() =>
        Assert.Throws<ArgumentException>(() => builder.Build(Email() with { Link = new Uri("javascript:alert(1)") }));

    [Fact]
    public async Task Resending_with_the_same_key_repeats_the_message_id_and_another_key_does_not()
    {
        var smtp = Smtp();
        await smtp.SendAsync(builder.Build(Email()), default);
        await smtp.SendAsync(builder.Build(Email()), default);
        await smtp.SendAsync(builder.Build(Email(key: "invoice.email:42:v5")), default);

        var ids = sink.Received().Select(m => m.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Matches("^[0-9a-f]{32}@chatbilling$", ids[0]);
    }

    [Fact]
    public async Task Without_a_host_the_email_is_one_eml_in_the_pickup_directory_and_a_retry_replaces_it()
    {
        var folder = Path.Combine(sink.Folder, "pickup");
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System)
            .AddDelivery(new ConfigurationBuilder().AddInMemoryCollection([new("Smtp:PickupDirectory", folder)]).Build())
            .BuildServiceProvider();
        var sender = services.GetRequiredService<IEmailSender>();
        Assert.IsType<PickupDirectoryEmailSender>(sender);

        await sender.SendAsync(builder.Build(Email()), default);
        await sender.SendAsync(builder.Build(Email()), default);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal($"{InvoiceEmailBuilder.MessageIdFor("invoice.email:42:v3")}.eml", Path.GetFileName(file));
        var stored = await MimeMessage.LoadAsync(file);
        Assert.Equal(InvoiceEmailBuilder.MessageIdFor("invoice.email:42:v3"), stored.MessageId);
        Assert.Equal("INV-2026-0042.pdf", stored.Attachments.OfType<MimePart>().Single().FileName);
    }

    private SmtpEmailSender Smtp() =>
        new(Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, UseTls = false }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpEmailSender>.Instance);

    private static InvoiceEmail Email(string key = "invoice.email:42:v3", string clientName = "Client Corp", string number = "INV-2026-0042") =>
        new(key, number, clientName, "ap@client.example", 1234.5m, "EUR", new DateOnly(2026, 12, 22), Link, Pdf);
}
