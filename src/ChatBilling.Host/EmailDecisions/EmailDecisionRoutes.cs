using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Documents;
using ChatBilling.Core.EmailDecisions;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Documents;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Host.EmailDecisions;

/// <summary>
/// <c>GET /a/{token}</c> shows what the link would decide and changes nothing, so mail scanners and link previews that
/// follow every link in an email approve nothing; only the page's own <c>POST</c> decides, once. The decision goes
/// through <see cref="ApprovalService"/> with every check, as the approver the link is bound to, on channel "email".
/// </summary>
public static class EmailDecisionRoutes
{
    public const string Channel = "email";

    public static IHostApplicationBuilder AddEmailDecisions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EmailDecisionTokens>();
        builder.Services.AddSingleton<IEmailDecisionLinks>(sp => sp.GetRequiredService<EmailDecisionTokens>());
        return builder;
    }

    public static IEndpointRouteBuilder MapEmailDecisions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/a/{token}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/a/{token}", DecideAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(string token, EmailDecisionTokens tokens, ApproverDirectory approvers, ChatBillingDb db,
        ApprovalService approvals, IDocumentLinks links, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } link || approvers.ByEmail(link.Email) is not { } person) return Invalid();
        var (invoice, steps) = await approvals.StepsAsync(link.InvoiceId, ct);
        var step = steps.FirstOrDefault(s => link.CardVersion.StartsWith($"{s.Id}:", StringComparison.Ordinal));
        if (step is null || invoice.Status != InvoiceStatus.PendingApproval || step.Status != StepStatus.Pending)
            return Html(409, EmailDecisionPage.Outcome("Nothing to decide", $"{invoice.Number} is {invoice.Status}; this link's step is no longer waiting."));
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => c.Name).FirstAsync(ct);
        return Html(200, EmailDecisionPage.Confirm(token, link.Approve, person.Name, invoice.Number, client,
            ChatFormat.Money(invoice.Total, invoice.Currency), step.Label, links.PreviewUrl(invoice.Id), links.PdfUrl(invoice.Id)));
    }

    private static async Task<IResult> DecideAsync(string token, HttpContext http, EmailDecisionTokens tokens, ApproverDirectory approvers,
        ApprovalService approvals, ChatInbox used, PublicUrls urls, CancellationToken ct)
    {
        // Only the confirmation page posts here; another site's form cannot make a signed-in approver's browser decide.
        if (!SameOriginPost.IsAllowed(http, urls)) return Html(403, EmailDecisionPage.Outcome("Not permitted", "Decision links can only be used from ChatBilling's own page."));
        if (tokens.Read(token) is not { } link || approvers.ByEmail(link.Email) is null) return Invalid();
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var reason = form?["reason"].ToString().Trim();
        if (!link.Approve && string.IsNullOrEmpty(reason))
            return Html(400, EmailDecisionPage.Outcome("A reason is needed", "A rejection needs a reason; go back and write one. The link still works."));
        if (!await used.FirstDeliveryAsync(Channel, $"decision-link:{link.Nonce}", ct))
            return Html(409, EmailDecisionPage.Outcome("Link already used", "This link was used before; each decision link works once. Open the console to see where the invoice stands."));
        try
        {
            var decided = await approvals.DecideAsync(link.InvoiceId,
                new DecisionRequest(link.Email, link.Approve, reason, link.CardVersion, Via: "email-link"), Channel, ct);
            return Html(200, EmailDecisionPage.Outcome(link.Approve ? "Approved" : "Rejected", decided.Message));
        }
        catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException or InvalidInputException or NotFoundException)
        {
            return Html(e is NotPermittedException ? 403 : e is InvalidInputException ? 400 : 409, EmailDecisionPage.Outcome("Nothing changed", e.Message));
        }
    }

    private static IResult Invalid() =>
        Html(404, EmailDecisionPage.Outcome("This link is not valid", "The link is expired, altered or not one ChatBilling made. Nothing changed; open the console to decide."));

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
