using System.Security.Claims;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Storage;
using ChatBilling.Host.Invoices;
using ChatBilling.Host.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.WebConsole;

/// <summary>One invoice as its console page shows it: lines and totals, every PDF page, the approval steps and who may decide, the history, payments, emails and link views.</summary>
internal static class ConsoleInvoiceDetail
{
    /// <summary>History lines about email to the customer, shown together as "Emails".</summary>
    private static readonly string[] EmailActions =
    [
        AuditActions.Sent, AuditActions.Emailed, AuditActions.SendFailed, AuditActions.SendRetried, InvoiceEmailOutbox.ResendRequested, AuditActions.EmailSkipped,
        AuditActions.ReminderSent, AuditActions.ReminderSkipped,
    ];

    public static void MapConsoleInvoiceDetail(this RouteGroupBuilder api)
    {
        api.MapGet("/invoices/{id:guid}", GetAsync);
        api.MapGet("/invoices/{id:guid}/pages/{page:int}", PageAsync);
        api.MapGet("/invoices/{id:guid}/pdf", PdfAsync);
    }

    private static async Task<Ok<InvoiceDetail>> GetAsync(Guid id, ClaimsPrincipal user, InvoiceService invoices, ClientService clients,
        ApprovalService approvals, ApproverDirectory people, InvoiceRenderer renderer, IOptionsMonitor<SellerSettings> seller,
        ChatBillingDb db, TimeProvider time, Core.Delegation.Delegations delegations, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(id, ct);
        var client = await clients.FindAsync(invoice.ClientId, ct);
        var me = people.ByEmail(user.Email());
        var (_, steps) = await approvals.StepsAsync(id, ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var away = await delegations.TodayAsync(ct);
        var stepViews = steps.Where(s => s.Round == round).Select(s =>
        {
            var open = s.Status == StepStatus.Pending && s.OpenedAt is not null && invoice.Status == InvoiceStatus.PendingApproval;
            // The same rule as the inbox and the cards: a delegate standing in for an away approver may decide too.
            var whyNot = !open ? null : me is null ? "You are not an approver." : approvals.Authority(invoice, steps, s, me, away).WhyNot;
            return new StepView(s.Sequence, s.StepCount, s.Role, s.Status, s.OpenedAt, NameOf(people, s.DecidedBy), s.DecidedAt, s.Reason,
                people.HoldingRole(s.Role).Select(p => p.Name).ToArray(), open && whyNot is null, whyNot,
                open ? ApprovalService.CardVersion(invoice, s) : null);
        }).ToArray();

        var history = (await invoices.HistoryAsync(id, ct)).Select(h => HistoryEntryResponse.From(h) with { Actor = NameOf(people, h.Actor) ?? h.Actor }).ToArray();
        var payments = (await db.Payments.AsNoTracking().Where(p => p.InvoiceId == id).ToListAsync(ct))
            .OrderBy(p => p.PaidOn).Select(p => PaymentResponse.From(p, null)).ToArray();
        var pages = renderer.CountPages(InvoiceDocuments.Model(invoice, client, seller.CurrentValue));
        var billing = me?.MayBill() == true;
        var can = new InvoiceActions(
            Edit: billing && invoice.IsEditable,
            Submit: billing && invoice.IsEditable,
            Duplicate: billing,
            RetrySend: billing && invoice.Status == InvoiceStatus.Failed,
            Resend: billing && invoice.Status == InvoiceStatus.Sent,
            Void: billing && invoice.Status is not (InvoiceStatus.Void or InvoiceStatus.Paid),
            RecordPayment: billing && invoice.Status is InvoiceStatus.Sent or InvoiceStatus.Approved or InvoiceStatus.Failed,
            Decide: stepViews.Any(s => s.YouMayDecide));
        return TypedResults.Ok(new InvoiceDetail(InvoiceResponse.From(invoice, time), new ClientSummary(client.Id, client.Name, client.Email),
            Core.Conversations.People.Name(invoice.CreatedBy, people), pages, stepViews, history,
            history.Where(h => EmailActions.Contains(h.Action)).ToArray(),
            history.Where(h => h.Channel == CustomerLinkTokens.Customer.Channel).ToArray(), payments, can));
    }

    /// <summary>Page <paramref name="page"/> (from 1) as PNG: the frozen preview for page 1 once submitted, a rendering of the same content otherwise.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> PageAsync(Guid id, int page, InvoiceService invoices, ClientService clients,
        InvoiceDocuments documents, InvoiceRenderer renderer, IOptionsMonitor<SellerSettings> seller, HttpContext http, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(id, ct);
        if (page == 1) return TypedResults.File(await documents.PreviewPngAsync(invoice, ct), "image/png");
        var model = InvoiceDocuments.Model(invoice, await clients.FindAsync(invoice.ClientId, ct), seller.CurrentValue);
        if (page < 1 || page > renderer.CountPages(model)) return TypedResults.NotFound();
        return TypedResults.File(renderer.RenderPagePng(model, page - 1), "image/png");
    }

    private static async Task<FileContentHttpResult> PdfAsync(Guid id, InvoiceService invoices, InvoiceDocuments documents, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(id, ct);
        return TypedResults.File(await documents.PdfAsync(invoice, ct), "application/pdf", $"{invoice.Number}.pdf");
    }

    /// <summary>People by name rather than email where we know them ("Dana Approver", not dana@…).</summary>
    // People's words, as chat answers use them: an approver's name, "an operator" for a loopback API caller ("local").
    private static string? NameOf(ApproverDirectory people, string? who) => who is null ? null : Core.Conversations.People.Name(who, people);
}

public sealed record ClientSummary(Guid Id, string Name, string Email);

public sealed record StepView(int Sequence, int StepCount, string Role, StepStatus Status, DateTimeOffset? OpenedAt, string? DecidedBy,
    DateTimeOffset? DecidedAt, string? Reason, string[] People, bool YouMayDecide, string? WhyNotYou, string? CardVersion);

public sealed record InvoiceActions(bool Edit, bool Submit, bool Duplicate, bool RetrySend, bool Resend, bool Void, bool RecordPayment, bool Decide);

public sealed record InvoiceDetail(InvoiceResponse Invoice, ClientSummary Client, string CreatedBy, int PageCount, StepView[] Steps,
    HistoryEntryResponse[] History, HistoryEntryResponse[] Emails, HistoryEntryResponse[] LinkViews, PaymentResponse[] Payments, InvoiceActions Can);
