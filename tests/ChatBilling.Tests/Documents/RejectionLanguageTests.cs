using System.Net;
using System.Net.Http.Json;
using ChatBilling.Core.People;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using static ChatBilling.Tests.Approvals.ApprovalFixture;

namespace ChatBilling.Tests.Documents;

/// <summary>
/// The rejection email, through the real pipeline (console submit, console reject, the email lane into the pickup
/// folder), is worded in the client's language like the invoice and reminder emails, and in English otherwise.
/// </summary>
public sealed class RejectionLanguageTests : IDisposable
{
    private const string Bea = "bea.rejections@example.com";

    private readonly BillingApp app = new BillingApp().WithApprovers().With("Console:DevSignIn", "true")
        .With("Approvals:Approvers:3:Name", "Bea Billing").With("Approvals:Approvers:3:Email", Bea)
        .With("Approvals:Approvers:3:Roles:0", Person.BillingRole);

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("en-GB", "Rejected: INV-2026-0001 for Acme", "Reason: Wrong day rate")]
    [InlineData("de-DE", "Abgelehnt: INV-2026-0001 für Acme", "Grund: Wrong day rate")]
    [InlineData("fr-FR", "Refusée : INV-2026-0001 pour Acme", "Motif : Wrong day rate")]
    [InlineData("es-ES", "Rechazada: INV-2026-0001 para Acme", "Motivo: Wrong day rate")]
    [InlineData("it-IT", "Rifiutata: INV-2026-0001 per Acme", "Motivo: Wrong day rate")]
    [InlineData("nl-NL", "Afgewezen: INV-2026-0001 voor Acme", "Reden: Wrong day rate")]
    [InlineData("pl-PL", "Odrzucona: INV-2026-0001 dla Acme", "Powód: Wrong day rate")]
    [InlineData("pt-PT", "Rejeitada: INV-2026-0001 para Acme", "Motivo: Wrong day rate")]
    [InlineData("ja-JP", "却下: Acme 宛て INV-2026-0001", "理由: Wrong day rate")]
    [InlineData("sv-SE", "Rejected: INV-2026-0001 for Acme", "Reason: Wrong day rate")]
    public async Task Rejection_email_is_in_the_clients_language(string locale, string subjectStart, string reasonLine)
    {
        var bea = await SignedInAsync(Bea);
        var client = await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/clients",
            new { name = "Acme", email = "ap@acme.example", currency = "EUR", locale }))).ReadAsync(HttpStatusCode.Created);
        var draft = new
        {
            clientId = client["id"].Str(), issueDate = "2026-11-22", dueDate = "2026-12-22",
            lineItems = new[] { new { description = "Design sprint", quantity = 1m, unitPrice = 5000m, taxRate = 0m } },
        };
        var id = (await (await bea.SendAsync(Send(HttpMethod.Post, "/console/api/invoices", draft))).ReadAsync(HttpStatusCode.Created))["id"].Str();
        await (await bea.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/submit", new { }))).ReadAsync(HttpStatusCode.OK);

        var dana = await SignedInAsync(Dana);
        var step = (await (await dana.GetAsync($"/console/api/invoices/{id}")).ReadAsync(HttpStatusCode.OK))["steps"]!.AsArray().Single()!;
        await (await dana.SendAsync(Send(HttpMethod.Post, $"/console/api/invoices/{id}/decisions",
            new { decision = "reject", reason = "Wrong day rate", cardVersion = step["cardVersion"].Str() }))).ReadAsync(HttpStatusCode.OK);
        (await app.Http().PostAsync("/api/jobs/sends/run", null)).EnsureSuccessStatusCode();

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == Bea));
        Assert.StartsWith(subjectStart, mail.Subject, StringComparison.Ordinal);
        var lines = (mail.TextBody ?? string.Empty).ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(reasonLine, lines);
        Assert.Contains("Dana Approver", lines[0]);
        Assert.Contains("INV-2026-0001", lines[^1]);
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
}
