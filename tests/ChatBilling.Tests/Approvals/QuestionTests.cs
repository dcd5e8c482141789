using System.Net;
using System.Net.Http.Json;
using ChatBilling.Tests.Infrastructure;
using MimeKit;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Approvals;

/// <summary>
/// "Ask a question" before deciding: an approver asks, the requester (Rui, whose key created the invoice) is emailed
/// and answers, the asker is told, the history and the card show both, and the step keeps waiting throughout.
/// </summary>
public sealed class QuestionTests : IDisposable
{
    private const string Rui = "rui@example.com";
    private const string RuiKey = "k-rui-0123456789";

    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
        .With("Approvals:Approvers:3:Name", "Rui Requester").With("Approvals:Approvers:3:Email", Rui)
        .With("Approvals:Approvers:3:Roles:0", "billing")
        .With("Api:Keys:0:Name", Rui).With("Api:Keys:0:Key", RuiKey)
        .With("Api:Keys:0:Scopes:0", "read").With("Api:Keys:0:Scopes:1", "write").With("Api:Keys:0:Scopes:2", "decide").With("Api:Keys:0:Scopes:3", "operate");

    public void Dispose() => app.Dispose();

    private List<MimeMessage> Mails(string to, string subject) => Directory.Exists(app.MailFolder)
        ? Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == to)).ToList()
        : [];

    private async Task<HttpClient> ConsoleAsync(string email)
    {
        var http = app.Http();
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/api/sign-in") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return http;
    }

    private static Task<HttpResponseMessage> ConsolePostAsync(HttpClient http, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-ChatBilling-Console", "1");
        return http.SendAsync(request);
    }

    [Fact]
    public async Task A_question_reaches_the_requester_the_answer_reaches_the_asker_and_the_card_shows_both()
    {
        var rui = app.Http(RuiKey);
        var id = await rui.SubmittedInvoiceAsync(5000m);
        var dana = await ConsoleAsync(Dana);

        var asked = await (await ConsolePostAsync(dana, $"/console/api/invoices/{id}/questions", new { text = "Is the rate the 2026 one?" }))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal(("Dana Approver", "console"), (asked["askedByName"].Str(), asked["channel"].Str()));
        Assert.Equal("PendingApproval", await rui.StatusAsync(id));
        var line = (await rui.HistoryAsync(id)).Last()!;
        Assert.Equal(("asked", Dana, "console", "Is the rate the 2026 one?"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str(), line["detail"].Str()));

        (await rui.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        var mail = Assert.Single(Mails(Rui, "Question about"));
        Assert.Contains("Dana Approver asks about invoice INV-2026-0001 before deciding: Is the rate the 2026 one?", mail.TextBody);
        var card = (await (await dana.GetAsync("/console/api/inbox")).ReadArrayAsync()).Single(c => c!["invoiceId"].Str() == id)!;
        // The card's text is Teams markdown, escaped by the binder; the words are what matter here.
        Assert.Contains("Question from Dana Approver: Is the rate the 2026 one?", card.ToJsonString());
        Assert.Contains("Waiting for the answer", card.ToJsonString());

        var answered = await (await rui.PostAsJsonAsync($"/api/invoices/{id}/answer", new { text = "Yes, the 2026 rate card." })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Yes, the 2026 rate card.", answered["answer"]!["text"].Str());
        line = (await rui.HistoryAsync(id)).Last()!;
        Assert.Equal(("answered", Rui, "api"), (line["action"].Str(), line["actor"].Str(), line["channel"].Str()));
        (await rui.PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();
        Assert.Contains("Rui Requester answered about invoice INV-2026-0001: Yes, the 2026 rate card.", Assert.Single(Mails(Dana, "Answer about")).TextBody);

        card = (await (await dana.GetAsync("/console/api/inbox")).ReadArrayAsync()).Single(c => c!["invoiceId"].Str() == id)!;
        Assert.Contains("Question from Dana Approver: Is the rate the 2026 one? Answer from Rui Requester: Yes, the 2026 rate card.", card.ToJsonString());
        Assert.True(card["canDecide"]!.GetValue<bool>());
        var questions = await (await rui.GetAsync($"/api/invoices/{id}/questions")).ReadArrayAsync();
        Assert.Equal("Rui Requester", Assert.Single(questions)!["answer"]!["byName"].Str());
    }

    [Fact]
    public async Task Empty_questions_outsiders_decided_invoices_and_answers_without_a_question_are_refused_and_change_nothing()
    {
        var rui = app.Http(RuiKey);
        var id = await rui.SubmittedInvoiceAsync(5000m);

        var empty = await (await rui.PostAsJsonAsync($"/api/invoices/{id}/questions", new { by = Dana, text = "  " })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("needs its text", empty["errors"]!["text"]![0].Str());
        // Fin holds no approver role: he may not decide this step, so he may not ask about it either.
        await (await rui.PostAsJsonAsync($"/api/invoices/{id}/questions", new { by = Fin, text = "Why?" })).ReadAsync(HttpStatusCode.Forbidden);
        var none = await (await rui.PostAsJsonAsync($"/api/invoices/{id}/answer", new { text = "Nobody asked" })).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("No question", none["detail"].Str());

        await (await rui.PostAsJsonAsync($"/api/invoices/{id}/questions", new { by = Dana, text = "Which PO?" })).ReadAsync(HttpStatusCode.OK);
        // Only the requester answers in the console; Sam is not.
        var sam = await ConsoleAsync(Sam);
        await (await ConsolePostAsync(sam, $"/console/api/invoices/{id}/answer", new { text = "PO 7" })).ReadAsync(HttpStatusCode.Forbidden);

        await (await rui.DecideAsync(id, Sam, "approve")).ReadAsync(HttpStatusCode.OK);
        await (await rui.PostAsJsonAsync($"/api/invoices/{id}/questions", new { by = Dana, text = "Too late?" })).ReadAsync(HttpStatusCode.Conflict);
        await (await rui.PostAsJsonAsync($"/api/invoices/{id}/answer", new { text = "PO 7" })).ReadAsync(HttpStatusCode.Conflict);
        var history = await rui.HistoryAsync(id);
        Assert.Single(history, h => h!["action"].Str() == "asked");
        Assert.DoesNotContain(history, h => h!["action"].Str() == "answered");
    }
}
