using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBilling.Tests.Infrastructure;

namespace ChatBilling.Tests.Approvals;

/// <summary>A host with three approvers: Dana (approver, up to 30,000), Sam (approver) and Fin (finance, manager).</summary>
public static class ApprovalFixture
{
    public const string Dana = "dana@example.com";
    public const string Sam = "sam@example.com";
    public const string Fin = "fin@example.com";

    public static BillingApp WithApprovers(this BillingApp app) => app
        .With("Approvals:Approvers:0:Name", "Dana Approver").With("Approvals:Approvers:0:Email", Dana)
        .With("Approvals:Approvers:0:Roles:0", "approver").With("Approvals:Approvers:0:MaxAmount", "30000")
        .With("Approvals:Approvers:1:Name", "Sam Second").With("Approvals:Approvers:1:Email", Sam)
        .With("Approvals:Approvers:1:Roles:0", "approver")
        .With("Approvals:Approvers:2:Name", "Fin Manager").With("Approvals:Approvers:2:Email", Fin)
        .With("Approvals:Approvers:2:Roles:0", "finance").With("Approvals:Approvers:2:Roles:1", "manager");

    /// <summary>Creates and submits an invoice whose total (tax free) is <paramref name="total"/>; returns its id.</summary>
    public static async Task<string> SubmittedInvoiceAsync(this HttpClient http, decimal total)
    {
        var clientId = (await http.CreateClientAsync())["id"].Str();
        var id = (await http.CreateInvoiceAsync(new
        {
            clientId, issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Project", quantity = 1m, unitPrice = total, taxRate = 0m } },
        }))["id"].Str();
        (await http.PostAsync($"/api/invoices/{id}/submit", null)).EnsureSuccessStatusCode();
        return id;
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient http, string id, string approver, string decision,
        string? reason = null, string? cardVersion = null) =>
        http.PostAsJsonAsync($"/api/invoices/{id}/decisions", new { approver, decision, reason, cardVersion });

    public static async Task<string?> CardVersionAsync(this HttpClient http, string id)
    {
        var steps = await (await http.GetAsync($"/api/invoices/{id}/approvals")).ReadArrayAsync();
        return steps.Select(s => s!["cardVersion"]?.GetValue<string>()).LastOrDefault(v => v is not null);
    }

    public static async Task<string> StatusAsync(this HttpClient http, string id) =>
        (await (await http.GetAsync($"/api/invoices/{id}")).ReadAsync(System.Net.HttpStatusCode.OK))["status"].Str();

    public static async Task<JsonArray> HistoryAsync(this HttpClient http, string id) =>
        await (await http.GetAsync($"/api/invoices/{id}/history")).ReadArrayAsync();
}
