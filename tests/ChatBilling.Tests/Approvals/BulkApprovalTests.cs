using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>The console approves several invoices in one action, each as its own checked and recorded decision.</summary>
public sealed class BulkApprovalTests : IDisposable
{
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true");

    public void Dispose() => app.Dispose();

    private static HttpRequestMessage Post(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Http();
        (await http.SendAsync(Post("/console/api/sign-in", new { email }))).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task Approving_several_decides_each_on_its_own_and_says_why_any_failed()
    {
        var api = app.Http();
        var small = await api.SubmittedInvoiceAsync(2000m);
        var other = await api.SubmittedInvoiceAsync(3000m);
        var big = await api.SubmittedInvoiceAsync(40000m);
        var dana = await SignedInAsync(Dana);

        // Dana's limit is 30,000: the big one is not hers to approve, so it is not offered.
        var offered = await (await dana.GetAsync("/console/api/bulk/decidable")).ReadArrayAsync();
        Assert.Equal(new[] { small, other }.Order(), offered.Select(o => o!["invoiceId"].Str()).Order());
        var versions = offered.ToDictionary(o => o!["invoiceId"].Str(), o => o!["cardVersion"].Str());

        // Someone approves "other" first: Dana's bulk click on it is then stale and refused, the rest goes through.
        await (await api.DecideAsync(other, Sam, "approve")).ReadAsync(HttpStatusCode.OK);
        var outcomes = await (await dana.SendAsync(Post("/console/api/bulk/approve", new
        {
            items = new object[] { new { invoiceId = small, cardVersion = versions[small] }, new { invoiceId = other, cardVersion = versions[other] }, new { invoiceId = big, cardVersion = (string?)null } },
        }))).ReadArrayAsync();

        Assert.Equal([true, false, false], outcomes.Select(o => o!["approved"]!.GetValue<bool>()));
        Assert.Contains("already approved by sam@example.com", outcomes[1]!["message"].Str());
        Assert.Contains("may approve up to 30000", outcomes[2]!["message"].Str());
        Assert.Equal(("Approved", "Approved", "PendingApproval"), (await api.StatusAsync(small), await api.StatusAsync(other), await api.StatusAsync(big)));
        var line = (await api.HistoryAsync(small)).Single(h => h!["action"].Str() == "approved")!;
        Assert.Equal((Dana, "console", "bulk"), (line["actor"].Str(), line["channel"].Str(), line["via"].Str()));
    }

    [Theory]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{}""")]
    public async Task An_empty_bulk_approval_is_400_naming_items(string body)
    {
        var dana = await SignedInAsync(Dana);
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/api/bulk/approve") { Content = Rest.Json(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        var problem = await (await dana.SendAsync(request)).ReadAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["items"]);
    }

    [Fact]
    public async Task The_same_invoice_twice_is_400_and_nothing_is_approved()
    {
        var id = await app.Http().SubmittedInvoiceAsync(2000m);
        var dana = await SignedInAsync(Dana);
        var problem = await (await dana.SendAsync(Post("/console/api/bulk/approve", new { items = new[] { new { invoiceId = id }, new { invoiceId = id } } })))
            .ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("twice", problem["errors"]!["items"]![0].Str());
        Assert.Equal("PendingApproval", await app.Http().StatusAsync(id));
    }
}
