using System.Net;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Trust.SignInLinks;

namespace ChatBilling.Tests.Trust;

/// <summary>In Production the demo seller never reaches a customer: without Seller:Name no customer email goes, and the host says why.</summary>
public sealed class SellerDefaultTests
{
    private static BillingApp Production() => new BillingApp().WithApprovers().With("environment", "Production");

    [Fact]
    public async Task Without_a_seller_production_starts_sends_no_customer_email_and_says_why()
    {
        using var app = Production();
        var http = app.Http();
        var health = await (await http.GetAsync("/healthz")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("Seller:Name", health["details"]![0].Str());

        var id = await http.SubmittedInvoiceAsync(500m);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, MailCount(app));
        Assert.Equal("Failed", await http.StatusAsync(id));
        Assert.Contains("Seller:Name", (await http.HistoryAsync(id)).Last()!["detail"].Str());

        // The console can show it to whoever signs in.
        await AskAsync(http, Dana);
        Assert.Equal("/console/", (await http.PostAsync(await ReadLinkAsync(app, http, Dana), null)).RequestMessage!.RequestUri!.AbsolutePath);
        var warnings = await (await http.GetAsync("/console/api/warnings")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("Seller:Name", warnings["warnings"]![0].Str());
    }

    [Fact]
    public async Task With_a_seller_production_emails_customers()
    {
        using var app = Production().With("Seller:Name", "Real Issuer GmbH");
        var http = app.Http();
        Assert.Empty((await (await http.GetAsync("/healthz")).ReadAsync(HttpStatusCode.OK))["details"]!.AsArray());
        var id = await http.SubmittedInvoiceAsync(500m);
        (await http.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Equal("Sent", await http.StatusAsync(id));
        Assert.Equal(1, MailCount(app));
    }
}
