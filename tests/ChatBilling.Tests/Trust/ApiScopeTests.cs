using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Trust;

/// <summary>Api:Keys scopes: a key does what its scopes allow, a missing scope is 403 naming it, decisions record the key.</summary>
public sealed class ApiScopeTests : IDisposable
{
    private const string Erp = "k-erp-0123456789";
    private const string Reader = "k-read-0123456789";
    private const string Decider = "k-decide-0123456789";
    private const string Ops = "k-ops-0123456789";
    private const string Prometheus = "k-prom-0123456789";

    private readonly BillingApp app = new BillingApp().WithApprovers()
        .With("Api:Keys:0:Name", "erp-sync").With("Api:Keys:0:Key", Erp)
        .With("Api:Keys:1:Name", "reporting").With("Api:Keys:1:Key", Reader).With("Api:Keys:1:Scopes:0", "read")
        .With("Api:Keys:2:Name", "approvals-bridge").With("Api:Keys:2:Key", Decider).With("Api:Keys:2:Scopes:0", "decide").With("Api:Keys:2:Scopes:1", "read")
        .With("Api:Keys:3:Name", "ops").With("Api:Keys:3:Key", Ops).With("Api:Keys:3:Scopes:0", "operate")
        .With("Api:Keys:4:Name", "prometheus").With("Api:Keys:4:Key", Prometheus).With("Api:Keys:4:Scopes:0", "metrics");

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_key_without_scopes_reads_and_writes_but_cannot_decide_and_the_refusal_names_the_scope()
    {
        var erp = app.Http(Erp);
        var id = await erp.SubmittedInvoiceAsync(30000m);
        var refused = await (await erp.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal("decide", refused["scope"].Str());
        Assert.Contains("'decide'", refused["detail"].Str());
        Assert.Equal("PendingApproval", await erp.StatusAsync(id));
        await (await erp.PostAsync("/api/jobs/sends/run", null)).ReadAsync(HttpStatusCode.Forbidden);
        await (await erp.GetAsync("/api/metrics")).ReadAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_read_key_reads_and_is_refused_writes()
    {
        var erp = app.Http(Erp);
        var clientId = (await erp.CreateClientAsync())["id"].Str();
        var reader = app.Http(Reader);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/exports/invoices.csv")).StatusCode);
        var refused = await (await reader.PostAsJsonAsync("/api/clients", new { name = "X", email = "x@example.com", currency = "EUR" }))
            .ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal("write", refused["scope"].Str());
    }

    [Fact]
    public async Task A_decision_made_with_a_key_records_the_approver_and_the_key()
    {
        var id = await app.Http(Erp).SubmittedInvoiceAsync(5000m);
        (await app.Http(Decider).DecideAsync(id, Dana, "approve")).EnsureSuccessStatusCode();
        var approved = (await app.Http(Reader).HistoryAsync(id)).Last(h => h!["action"].Str() == "approved")!;
        Assert.Equal(Dana, approved["actor"].Str());
        Assert.Equal("key:approvals-bridge", approved["via"].Str());
        Assert.Equal("api", approved["channel"].Str());
    }

    [Fact]
    public async Task Operate_and_metrics_scopes_open_only_their_routes()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Http(Ops).PostAsync("/api/jobs/sends/run", null)).StatusCode);
        await (await app.Http(Ops).GetAsync("/api/invoices")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await app.Http(Prometheus).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http(Prometheus).GetAsync("/api/metrics")).StatusCode);
        var refused = await (await app.Http(Prometheus).GetAsync("/api/invoices")).ReadAsync(HttpStatusCode.Forbidden);
        Assert.Equal("read", refused["scope"].Str());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http().GetAsync("/metrics")).StatusCode);
    }
}
