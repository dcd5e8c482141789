using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Host.WebConsole;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Console;

/// <summary>The console's billing-team API through the real pipeline: roles refused on the server, lists, rejection notices, pages for people.</summary>
public sealed class ConsoleTeamApiTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
        .With("Approvals:Approvers:3:Name", "Bea Billing").With("Approvals:Approvers:3:Email", BrowserTest.Bea)
        .With("Approvals:Approvers:3:Roles:0", ConsoleRoles.Billing);

    public void Dispose() => app.Dispose();

    private static HttpRequestMessage Send(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    /// <summary>A client of its own per person: each holds its own console cookie.</summary>
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.CreateDefaultClient(app.Http().BaseAddress!);
        (await http.SendAsync(Send(HttpMethod.Post, "/console/api/sign-in", new { email }))).EnsureSuccessStatusCode();
        return http;
    }

    private static object Draft(string clientId, decimal unitPrice = 5000m) => new
    {
        clientId, issueDate = "2026-11-22", dueDate = "2026-12-22",
        lineItems = new[] { new { description = "Design sprint", quantity = 1m, unitPrice, taxRate = 0m } },
    };

    [Fact]
    public async Task Only_the_billing_role_makes_clients_and_invoices_and_the_server_refuses_everyone_else()
    {
        var dana = await SignedInAsync(Dana);
        var me = await (await dana.GetAsync("/console/api/me")).ReadAsync(HttpStatusCode.OK);
        Assert.False(me["mayBill"]!.GetValue<bool>());
        var refused = await (await dana.SendAsync(Send(HttpMethod.Post, "/console/api/clients", new { name = "X", email = "x@example.com", currency = "EUR" })))
            .ReadAsync(HttpStatusCode.Forbidden);
        Assert.Contains("billing", refused["detail"].Str());

        var bea = await SignedInAsync(BrowserTest.Bea);
        Assert.True((await (await bea.GetAsync("/console/api/me")).ReadAsync(HttpStatusCode.OK))["mayBill"]!.GetValue<bool>());
        var client = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", new { name = "Acme", email = "ap@acme.example", currency = "EUR" })))
            .ReadAsync(HttpStatusCode.Created);
        var edited = await (await bea.SendAsync(Send(HttpMethod.Put, $"/console/api/clients/{client["id"].Str()}",
            new { name = "Acme GmbH", email = "billing@acme.example", currency = "EUR", locale = "de-DE", paperSize = "Letter", addressLines = new[] { "Hauptstr. 1" } })))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal("de-DE", edited["locale"].Str());
        var bad = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/invoices", new { clientId = client["id"].Str(), lineItems = Array.Empty<object>() })))
            .ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["issueDate"]);
        var invoice = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/invoices", Draft(client["id"].Str())))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{invoice["id"].Str()}/submit", new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{invoice["id"].Str()}/void", new { reason = "no" }))).StatusCode);
        var detail = await (await dana.GetAsync($"/console/api/invoices/{invoice["id"].Str()}")).ReadAsync(HttpStatusCode.OK);
        Assert.False(detail["can"]!["edit"]!.GetValue<bool>());
        Assert.True((await (await bea.GetAsync($"/console/api/invoices/{invoice["id"].Str()}")).ReadAsync(HttpStatusCode.OK))["can"]!["edit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_rejection_made_in_the_console_emails_the_person_who_made_the_invoice_with_the_reason()
    {
        var bea = await SignedInAsync(BrowserTest.Bea);
        var client = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients", new { name = "Acme", email = "ap@acme.example", currency = "EUR" })))
            .ReadAsync(HttpStatusCode.Created);
        var id = (await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/invoices", Draft(client["id"].Str())))).ReadAsync(HttpStatusCode.Created))["id"].Str();
        await (await bea.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/submit", new { }))).ReadAsync(HttpStatusCode.OK);

        var dana = await SignedInAsync(Dana);
        var waiting = await (await dana.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        var step = waiting["steps"]!.AsArray().Single()!;
        Assert.Contains("Dana Approver", step["people"]!.AsArray().Select(p => p.Str()));
        Assert.True(step["youMayDecide"]!.GetValue<bool>());
        await (await dana.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/decisions",
            new { decision = "reject", reason = "Wrong day rate", cardVersion = step["cardVersion"].Str() }))).ReadAsync(HttpStatusCode.OK);
        (await app.Http().PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.Subject?.StartsWith("Rejected: INV-2026-0001", StringComparison.Ordinal) == true);
        Assert.Equal(BrowserTest.Bea, mail.To.Mailboxes.Single().Address);
        Assert.Contains("Reason: Wrong day rate", mail.TextBody);
        var rejected = await (await bea.GetAsync("/console/api/invoices?status=Rejected")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, rejected["total"]!.GetValue<int>());
        var history = (await (await bea.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["history"]!.AsArray();
        Assert.Contains(history, h => h!["action"].Str() == "rejected" && h["channel"].Str() == "console" && h["actor"].Str() == "Dana Approver");
    }

    [Fact]
    public async Task The_list_searches_filters_sorts_and_pages_with_a_total()
    {
        var http = app.Http();
        var acme = (await http.CreateClientAsync(name: "Acme GmbH"))["id"].Str();
        var globex = (await http.CreateClientAsync(currency: "USD", name: "Globex"))["id"].Str();
        // Rest.Invoice adds 20 % tax: totals 120, 360 and 240.
        foreach (var price in new[] { 100m, 300m, 200m }) await http.CreateInvoiceAsync(Rest.Invoice(acme, unitPrice: price));
        await http.CreateInvoiceAsync(Rest.Invoice(globex, unitPrice: 50m));
        var dana = await SignedInAsync(Dana);

        var page = await (await dana.GetAsync("/console/api/invoices?q=acme&sort=total&dir=asc&size=2")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(3, page["total"]!.GetValue<int>());
        Assert.Equal(new[] { 120m, 240m }, page["items"]!.AsArray().Select(i => i!["total"]!.GetValue<decimal>()));
        var second = await (await dana.GetAsync("/console/api/invoices?q=acme&sort=total&dir=asc&size=2&page=2")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(360m, second["items"]!.AsArray().Single()!["total"]!.GetValue<decimal>());
        var usd = await (await dana.GetAsync("/console/api/invoices?currency=usd")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Globex", usd["items"]!.AsArray().Single()!["client"].Str());
        var wrong = await (await dana.GetAsync("/console/api/invoices?sort=colour")).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(wrong["errors"]!["sort"]);
    }

    [Fact]
    public async Task People_who_land_in_the_wrong_place_get_a_page_not_json()
    {
        var http = app.CreateDefaultClient(app.Http().BaseAddress!);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress };
        var root = await noRedirect.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/console", root.Headers.Location!.OriginalString);

        var missing = await http.GetAsync("/console/invoices/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType!.MediaType);
        Assert.Contains("We could not find that page", await missing.Content.ReadAsStringAsync());
        var api = await http.GetAsync("/console/api/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/console/console.css")).StatusCode);
    }

    [Fact]
    public async Task An_invoice_made_through_the_api_on_this_machine_says_an_operator_made_it_not_local()
    {
        var id = await app.Http().SubmittedInvoiceAsync(5000);
        var dana = await SignedInAsync(Dana);

        var detail = await (await dana.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK);
        var inbox = (await dana.GetStringAsync("/console/api/inbox"));

        Assert.Equal("an operator", detail["createdBy"].Str());
        Assert.All(detail["history"]!.AsArray(), h => Assert.Equal("an operator", h!["actor"].Str()));
        Assert.Contains("an operator", inbox);
        Assert.DoesNotContain("\"local\"", inbox);
    }

    [Theory]
    [InlineData("System.Net.Sockets.SocketException (111): Connection refused at /home/app/src/Smtp.cs:42", "could not be reached")]
    [InlineData("MailKit.Net.Smtp.SmtpCommandException: 5.1.1 <x@y>: Recipient address rejected: User unknown", "refused the address")]
    [InlineData("System.TimeoutException: The operation has timed out.", "took too long")]
    public void Failed_sends_read_as_sentences_without_server_paths(string raw, string expected)
    {
        var readable = FailureReasons.Readable(raw);
        Assert.Contains(expected, readable);
        Assert.DoesNotContain("/home/", readable);
        Assert.DoesNotContain("Exception", readable);
    }
}
