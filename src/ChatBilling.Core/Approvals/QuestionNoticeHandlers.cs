using ChatBilling.Core.Channels;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Approvals;

/// <summary>A question or answer worded for people: who hears it (the requester, or the askers) and what it says.</summary>
public sealed record ComposedQuestion(string Number, string Subject, string Text, IReadOnlyList<ApproverSettings> People);

/// <summary>Words the notice of a question (to the requester) or of its answer (to everyone who asked), for email and chat alike.</summary>
public sealed class QuestionNotices(ChatBillingDb db, ApprovalQuestions questions, ApproverDirectory approvers)
{
    public async Task<ComposedQuestion?> ComposeAsync(QuestionNotice notice, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == notice.InvoiceId, ct);
        var all = await questions.ListAsync(notice.InvoiceId, ct);
        if (!notice.Answered)
        {
            if (all.FirstOrDefault(q => q.AskedAt == notice.At) is not { } asked) return null;
            var requester = approvers.ByEmail(invoice.CreatedBy);
            return new(invoice.Number, $"Question about {invoice.Number} from {asked.AskedByName}",
                $"{asked.AskedByName} asks about invoice {invoice.Number} before deciding: {asked.Text}\n" +
                $"The step keeps waiting. Answer on the invoice's page in the ChatBilling console (or POST /api/invoices/{invoice.Id}/answer).",
                requester is null ? [] : [requester]);
        }
        var answered = all.Where(q => q.Answer?.At == notice.At).ToList();
        if (answered.Count == 0) return null;
        var answer = answered[0].Answer!;
        var askers = answered.Select(q => approvers.ByEmail(q.AskedBy)).OfType<ApproverSettings>().DistinctBy(p => p.Email).ToList();
        return new(invoice.Number, $"Answer about {invoice.Number} from {answer.ByName}",
            $"{answer.ByName} answered about invoice {invoice.Number}: {answer.Text}\n(" + string.Join("; ", answered.Select(q => $"{q.AskedByName} asked: {q.Text}")) + ")",
            askers);
    }
}

/// <summary>Emails a question to the requester, or its answer to the askers; nobody known, nobody emailed (the history still has it).</summary>
public sealed class QuestionEmailHandler(QuestionNotices notices, StaffEmails emails) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await notices.ComposeAsync(message.ReadPayload<QuestionNotice>(), ct) is not { } composed) return;
        var people = composed.People.Where(p => p.Email.Length > 0).ToList();
        if (people.Count > 0) await emails.SendAsync(message.IdempotencyKey, composed.Subject, composed.Text, people, ct);
    }
}

/// <summary>
/// Posts a question or answer in the approval card's thread, mentioning who should read it: a Slack reply with the
/// card's <c>thread_ts</c>, a Teams reply to the card's activity (each channel's <see cref="IChatChannel.PostNoticeAsync"/>).
/// </summary>
public sealed class QuestionThreadHandler(ChatBillingDb db, QuestionNotices notices, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var notice = message.ReadPayload<QuestionNotice>();
        if (notice.Channel is null || services.GetKeyedService<IChatChannel>(notice.Channel) is not { } channel) return;
        if (await notices.ComposeAsync(notice, ct) is not { } composed) return;
        var thread = await db.ChatPosts.AsNoTracking().Where(p => p.InvoiceId == notice.InvoiceId && p.Channel == notice.Channel)
            .OrderByDescending(p => p.Round).FirstOrDefaultAsync(ct);
        await channel.PostNoticeAsync(new ChatNotice(notice.InvoiceId, composed.Number, composed.Text.Split('\n')[0], composed.People, thread?.Ref), ct);
    }
}
