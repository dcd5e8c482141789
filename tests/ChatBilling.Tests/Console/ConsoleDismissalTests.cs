using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Delivery;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Console;

/// <summary>Dismissing a failed send on the exception queue is stored on the server for everyone, with who and when.</summary>
public sealed class ConsoleDismissalTests : IDisposable
{
    // Nothing listens on this port, and one attempt is all the outbox makes: the email fails and the invoice is Failed.
    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
        .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", SmtpSink.UnusedPort().ToString()).With("Smtp:From", "billing@demo.test")
        .With("Smtp:UseTls", "false").With("Outbox:MaxAttempts", "1");

    public void Dispose() => app.Dispose();

    private static HttpRequestMessage Post(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return request;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.CreateDefaultClient(app.Http().BaseAddress!);
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task A_dismissal_hides_the_row_for_everyone_until_the_invoice_changes()
    {
        var api = app.Http();
        var id = await api.SubmittedInvoiceAsync(5000);
        await (await api.DecideAsync(id, Dana, "approve")).ReadAsync(HttpStatusCode.OK);
        await api.PostAsync("/api/jobs/sends/run", null);
        Assert.Equal("Failed", await api.StatusAsync(id));

        var dana = await SignedInAsync(Dana);
        var sam = await SignedInAsync(Sam);
        Assert.Null((await FailedRowAsync(sam, id))["dismissed"]);
        Assert.Equal(HttpStatusCode.NoContent, (await dana.SendAsync(Post($"/console/api/exceptions/{id}/dismiss"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dana.SendAsync(Post($"/console/api/exceptions/{id}/dismiss"))).StatusCode);

        // Another person, another browser: the row is dismissed for them too, saying by whom and when.
        var dismissed = (await FailedRowAsync(sam, id))["dismissed"]!;
        Assert.Equal("Dana Approver", dismissed["by"].Str());
        Assert.Equal(app.Clock.GetUtcNow(), dismissed["at"]!.GetValue<DateTimeOffset>());
        var history = await api.HistoryAsync(id);
        Assert.Single(history, h => h!["action"].Str() == "exception-dismissed" && h["actor"].Str() == Dana && h["channel"].Str() == "console");

        Assert.Equal(HttpStatusCode.NoContent, (await sam.SendAsync(Post($"/console/api/exceptions/{id}/restore"))).StatusCode);
        Assert.Null((await FailedRowAsync(dana, id))["dismissed"]);
        Assert.Contains(await api.HistoryAsync(id), h => h!["action"].Str() == "exception-restored" && h["actor"].Str() == Sam);

        // Dismissed again, then the invoice changes (sent again and failed again): the new failure shows.
        await dana.SendAsync(Post($"/console/api/exceptions/{id}/dismiss"));
        (await api.PostAsync($"/api/invoices/{id}/retry-send", null)).EnsureSuccessStatusCode();
        await api.PostAsync("/api/jobs/sends/run", null);
        Assert.Equal("Failed", await api.StatusAsync(id));
        Assert.Null((await FailedRowAsync(dana, id))["dismissed"]);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.SendAsync(Post($"/console/api/exceptions/{Guid.NewGuid()}/dismiss"))).StatusCode);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> FailedRowAsync(HttpClient http, string id) =>
        (await (await http.GetAsync("/console/api/exceptions")).ReadAsync(HttpStatusCode.OK))["failedSends"]!.AsArray().Single(f => f!["invoiceId"].Str() == id)!;
}
