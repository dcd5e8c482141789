using System.Net;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Integrity;

/// <summary>Thresholds and limits are in Approvals:Currency; other currencies go through Approvals:ExchangeRates.</summary>
public sealed class CurrencyRoutingTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers()
        .With("Approvals:ExchangeRates:RUB", "0.0105").With("Approvals:ExchangeRates:JPY", "0.0061");

    public void Dispose() => app.Dispose();

    private async Task<(HttpClient Http, string Id, HttpResponseMessage Submit)> SubmitAsync(string currency, decimal total)
    {
        var http = app.Http();
        var clientId = (await http.CreateClientAsync(currency))["id"].Str();
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId, currency, issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Project", quantity = 1m, unitPrice = total, taxRate = 0m } },
        }))["id"].Str();
        return (http, id, await http.PostAsync($"/api/invoices/{id}/submit", null));
    }

    [Fact]
    public async Task A_rouble_invoice_is_routed_by_its_euro_value_and_its_approver_may_approve_it()
    {
        var (http, id, submit) = await SubmitAsync("RUB", 534_000m);
        Assert.Equal("PendingApproval", (await submit.ReadAsync(HttpStatusCode.OK))["status"].Str());
        var steps = await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync();
        Assert.Equal("approver", Assert.Single(steps)!["role"].Str());
        await (await http.DecideAsync(id, ApprovalFixture.Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", await http.StatusAsync(id));
    }

    [Fact]
    public async Task A_thousand_yen_is_approved_at_once_like_six_euros()
    {
        var (_, _, submit) = await SubmitAsync("JPY", 1000m);
        Assert.Equal("Approved", (await submit.ReadAsync(HttpStatusCode.OK))["status"].Str());
    }

    [Fact]
    public async Task A_currency_without_a_rate_is_refused_at_submit_naming_the_setting()
    {
        var (http, id, submit) = await SubmitAsync("USD", 5000m);
        var problem = await submit.ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("Approvals:ExchangeRates:USD", problem["detail"].Str());
        Assert.Equal("Draft", await http.StatusAsync(id));
    }

    [Fact]
    public async Task An_invoice_nobody_may_approve_is_refused_at_submit_saying_what_is_missing()
    {
        using var limited = new BillingApp()
            .With("Approvals:Approvers:0:Name", "Dana").With("Approvals:Approvers:0:Email", ApprovalFixture.Dana)
            .With("Approvals:Approvers:0:Roles:0", "approver").With("Approvals:Approvers:0:MaxAmount", "10000");
        var http = limited.Http();
        var tooBig = await http.SubmittedOrRefusedAsync(20_000m);
        Assert.Contains("maxAmount", (await tooBig.ReadAsync(HttpStatusCode.Conflict))["detail"].Str());
        var needsFinance = await http.SubmittedOrRefusedAsync(30_000m);
        Assert.Contains("finance", (await needsFinance.ReadAsync(HttpStatusCode.Conflict))["detail"].Str());
    }

    [Fact]
    public async Task The_card_shows_both_amounts_when_the_currencies_differ()
    {
        var (_, id, submit) = await SubmitAsync("RUB", 534_000m);
        submit.EnsureSuccessStatusCode();
        await using var scope = app.Services.CreateAsyncScope();
        var shown = await scope.ServiceProvider.GetRequiredService<ApprovalCards>().ForAsync(Guid.Parse(id), ApprovalFixture.Dana);
        var amount = Assert.IsType<ApprovalRequestCard>(shown.Card).Amount;
        Assert.Contains("534,000.00", amount);
        Assert.Contains("≈ €5,607.00", amount);
    }
}

internal static class SubmitShortcut
{
    public static async Task<HttpResponseMessage> SubmittedOrRefusedAsync(this HttpClient http, decimal total)
    {
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Project", quantity = 1m, unitPrice = total, taxRate = 0m } },
        }))["id"].Str();
        return await http.PostAsync($"/api/invoices/{id}/submit", null);
    }
}
