using System.Net;
using System.Net.Http.Json;
using ChatBilling.Host.WebConsole;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Console;

/// <summary>Clients' tax id and extra recipients, and resending a Sent invoice, through the console's API and a real SMTP server.</summary>
public sealed class ConsoleRecipientsResendTests : IAsyncLifetime
{
    private SmtpSink smtp = null!;
    private BillingApp app = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpSink.StartAsync();
        app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
            .With("Approvals:Approvers:3:Name", "Bea Billing").With("Approvals:Approvers:3:Email", BrowserTest.Bea)
            .With("Approvals:Approvers:3:Roles:0", ConsoleRoles.Billing)
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:From", "billing@demo.test")
            .With("Smtp:UseTls", "false").With("PublicBaseUrl", "http://billing.test");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private static HttpRequestMessage Send(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.CreateDefaultClient(app.Http().BaseAddress!);
        (await http.SendAsync(Send(HttpMethod.Post, "/console/api/sign-in", new { email }))).EnsureSuccessStatusCode();
        return http;
    }

    private static object NewClient(object? extraRecipients = null, string? taxId = "DE123456789") => new
    {
        name = "Acme GmbH", email = "ap@acme.example", currency = "EUR", taxId,
        extraRecipients = extraRecipients ?? new[] { " lead@acme.example ", "AP@acme.example", "lead@acme.example", "cfo@acme.example" },
    };

    [Fact]
    public async Task A_client_keeps_its_tax_id_and_distinct_extra_recipients_apart_from_the_main_address()
    {
        var bea = await SignedInAsync(BrowserTest.Bea);
        var created = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", NewClient()))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal("DE123456789", created["taxId"].Str());
        Assert.Equal(["lead@acme.example", "cfo@acme.example"], created["extraRecipients"]!.AsArray().Select(e => e.Str()));

        var id = created["id"].Str();
        var edited = await (await bea.SendAsync(Send(HttpMethod.Put, $"/console/api/clients/{id}", NewClient(Array.Empty<string>(), taxId: "  ")))).ReadAsync(HttpStatusCode.OK);
        Assert.Null(edited["taxId"]);
        Assert.Empty(edited["extraRecipients"]!.AsArray());
    }

    [Theory]
    [InlineData("extraRecipients", "not an address", "DE1")]
    [InlineData("taxId", "lead@acme.example", "DE123456789012345678901234567890123456789012345678901")]
    public async Task Bad_recipients_or_tax_ids_are_problems_naming_the_field(string field, string recipient, string taxId)
    {
        var bea = await SignedInAsync(BrowserTest.Bea);
        var problem = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", NewClient(new[] { recipient }, taxId)))).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Too_many_extra_recipients_are_refused()
    {
        var bea = await SignedInAsync(BrowserTest.Bea);
        var many = Enumerable.Range(0, 11).Select(n => $"p{n}@acme.example").ToArray();
        var problem = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", NewClient(many)))).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["extraRecipients"]);
    }

    [Fact]
    public async Task A_sent_invoice_is_emailed_again_on_request_with_copies_and_a_new_message_each_time()
    {
        var bea = await SignedInAsync(BrowserTest.Bea);
        var clientId = (await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", NewClient()))).ReadAsync(HttpStatusCode.Created))["id"].Str();
        var id = (await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/invoices", new
        {
            clientId, currency = "EUR", issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Design sprint", quantity = 1m, unitPrice = 500m, taxRate = 0m } },
        }))).ReadAsync(HttpStatusCode.Created))["id"].Str();

        // Not sent yet: there is nothing to send again, and the page offers no button for it.
        Assert.Equal(HttpStatusCode.Conflict, (await bea.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/resend", new { }))).StatusCode);
        (await bea.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/submit", new { }))).EnsureSuccessStatusCode();
        var http = app.Http();
        await http.PostAsync("/api/jobs/sends/run", null);
        var first = Assert.Single(smtp.Received());
        Assert.Equal(["lead@acme.example", "cfo@acme.example"], first.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal("Sent", await http.StatusAsync(id));

        var detail = await (await bea.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        Assert.True(detail["can"]!["resend"]!.GetValue<bool>());
        // Someone who only reads may not resend; the server refuses it as well as hiding the button.
        var sam = await SignedInAsync(Sam);
        Assert.False((await (await sam.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["can"]!["resend"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/resend", new { }))).StatusCode);

        for (var n = 0; n < 2; n++)
        {
            (await bea.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/resend", new { }))).EnsureSuccessStatusCode();
            await http.PostAsync("/api/jobs/sends/run", null);
        }
        var mails = smtp.Received();
        Assert.Equal(3, mails.Count);
        Assert.Equal(3, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal("Sent", await http.StatusAsync(id));
        var history = await http.HistoryAsync(id);
        Assert.Equal(2, history.Count(h => h!["action"].Str() == "resend-requested" && h["channel"].Str() == "console"));
        Assert.Equal(2, history.Count(h => h!["action"].Str() == "emailed"));
        Assert.Contains(history, h => h!["action"].Str() == "sent" && h["detail"].Str().Contains("copied to lead@acme.example, cfo@acme.example"));
    }
}
