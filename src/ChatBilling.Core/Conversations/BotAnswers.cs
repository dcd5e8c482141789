using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Documents;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Conversations;

/// <summary>
/// An answer: the card to show and a plain-text line for notifications and clients that show no cards, plus what was
/// understood, and for a question not understood the reason and suggestions, so every channel can show them.
/// </summary>
public sealed record BotAnswer(string TemplateName, object Card, string Text)
{
    /// <summary>The filters as understood, one short phrase each ("Acme GmbH", "over €10,000.00").</summary>
    public IReadOnlyList<string> Understood { get; init; } = [];

    /// <summary>Why the question was not understood or could not be answered; null when it was answered.</summary>
    public string? Reason { get; init; }

    /// <summary>Up to three questions to try instead; empty when the question was answered.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The full list in the web console, for list answers with at least one invoice.</summary>
    public string? ConsoleUrl { get; init; }
}

/// <summary>Answers ask-the-bot questions the same way for every channel.</summary>
public sealed class BotAnswers(
    ChatBillingDb db, TimeProvider time, ApproverDirectory approvers, IOptionsMonitor<ApprovalSettings> settings, IDocumentLinks links,
    CustomerLinkTokens customerLinks, Delegation.Delegations delegations)
{
    public static readonly IReadOnlyList<HelpCommand> Commands =
    [
        new("overdue", "Sent invoices past their due date, oldest debt first, with what is still owed per currency."),
        new("unpaid", "Everything sent and not paid yet, due or not."),
        new("pending over 10k", "Invoices waiting for approval: the step, who can decide, how long it has waited."),
        new("my approvals", "What waits for your decision (also: waiting), with an Approve button each."),
        new("status INV-2026-0001", "Where one invoice is: its steps (who decided, who may decide next and by when) and history."),
        new("how much does Acme owe", "A client's unpaid invoices and balance."),
        new("paid this week", "What was sent, paid or approved today, this week, last month…"),
        new("failed sends", "Invoices whose email was given up on."),
        new("overdue for Acme over €10k due before Friday", "Filters combine: client, amount (over, under, between; k and m), currency, due dates, days overdue."),
        new("help", "This list."),
    ];

    public Task<BotAnswer> AnswerAsync(string? text, CancellationToken ct = default) => AnswerAsync(text, null, ct);

    /// <param name="asker">Who asks, when the channel knows; "my approvals" needs it, and its locale formats amounts and dates.</param>
    public Task<BotAnswer> AnswerAsync(string? text, BotAsker? asker, CancellationToken ct = default) =>
        AnswerAsync(BotQuestionParser.Parse(WaitingForYou.MeansMine(text) ? "my approvals" : text, time.Today()), asker, ct);

    public async Task<BotAnswer> AnswerAsync(BotQuestion question, BotAsker? asker, CancellationToken ct = default)
    {
        var format = AnswerFormat.For(asker?.Locale);
        switch (question.Kind)
        {
            case QuestionKind.Help:
                return new(HelpCard.TemplateName, new HelpCard(Commands), "This is what I can answer:");
            case QuestionKind.Status when question.Number is null:
                return NotUnderstood("Which invoice? Give me its number, e.g. status INV-2026-0001.", await LatestNumbersAsync(ct));
            case QuestionKind.Status:
                return await new StatusAnswers(db, approvers, settings.CurrentValue, links, customerLinks, format, time.Today())
                    .BuildAsync(question.Number, ct)
                    ?? NotUnderstood($"There is no invoice {question.Number}.", await LatestNumbersAsync(ct));
            case QuestionKind.Unknown:
                return await UnknownAsync(question, ct);
            default:
                return await ListAsync(question, asker, format, ct);
        }
    }

    private async Task<BotAnswer> ListAsync(BotQuestion question, BotAsker? asker, AnswerFormat format, CancellationToken ct)
    {
        var clients = await ClientsAsync(ct);
        IReadOnlyList<ClientRef>? matched = null;
        if (question.Filters.Client is { } typed)
        {
            matched = ClientMatcher.Match(typed, clients);
            if (matched.Count == 0)
            {
                var phrase = Suggestions.Phrase(question.Kind);
                return NotUnderstood($"I know no client called \"{typed}\".",
                    [.. ClientMatcher.Closest(typed, clients).Select(c => $"{phrase} for {c.Name}"), phrase]);
            }
        }
        ApproverSettings? me = null;
        if (question.Kind == QuestionKind.MyApprovals && (me = approvers.ByEmail(asker?.Email)) is null)
            return NotUnderstood(asker?.Email is null
                ? "I cannot tell who you are here, so I cannot say what waits for you."
                : $"{asker.DisplayName ?? asker.Email} is not an approver, so nothing waits for your decision.", ["pending", "pending over 10k", "overdue"]);

        var today = time.Today();
        var found = await InvoiceSearch.FindAsync(db, question.Kind, question.Filters, matched?.Select(c => c.Id).ToList(), today, ct);
        var reasons = question.Kind == QuestionKind.FailedSends
            ? await InvoiceSearch.FailureReasonsAsync(db, found.Select(f => f.Id).ToList(), ct)
            : new Dictionary<Guid, string>();
        // Only "my approvals" needs what the asker may decide; every other list would pay its query for nothing.
        var decidable = me is null || question.Kind != QuestionKind.MyApprovals ? null
            : await WaitingForYou.DecidableAsync(db, approvers, settings.CurrentValue, me, await delegations.TodayAsync(ct), ct);
        var list = new ListQuestion(question.Kind, question.Filters, matched, decidable);
        return new ListAnswers(approvers, settings.CurrentValue, format, today, time.GetUtcNow())
            .Build(list, found, clients.ToDictionary(c => c.Id), reasons, ConsoleLinks.Base(links));
    }

    private async Task<BotAnswer> UnknownAsync(BotQuestion question, CancellationToken ct)
    {
        var suggestions = question.Suggestions ?? Suggestions.Defaults;
        // A question that is only a client's name most likely asks about that client.
        if (question.Filters.Client is { } typed && ClientMatcher.Match(typed, await ClientsAsync(ct)) is [var client, ..]
            && question.NotUnderstood == typed)
            suggestions = [$"how much does {client.Name} owe", $"overdue for {client.Name}", $"pending for {client.Name}"];
        var reason = question.NotUnderstood is { Length: > 0 } words
            ? $"I did not understand \"{(words.Length > 80 ? words[..77] + "…" : words)}\"."
            : "I did not understand that.";
        return NotUnderstood(reason, suggestions);
    }

    private static BotAnswer NotUnderstood(string reason, IReadOnlyList<string> suggestions)
    {
        var top = suggestions.Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        var text = top.Count == 0 ? reason : $"{reason} Did you mean {string.Join(" or ", top.Select(s => $"\"{s}\""))}?";
        return new(HelpCard.TemplateName, new HelpCard(Commands, reason, top), text) { Reason = reason, Suggestions = top };
    }

    private Task<List<ClientRef>> ClientsAsync(CancellationToken ct) =>
        db.Clients.AsNoTracking().Select(c => new ClientRef(c.Id, c.Name, c.Currency)).ToListAsync(ct);

    private async Task<IReadOnlyList<string>> LatestNumbersAsync(CancellationToken ct) =>
        (await db.Invoices.AsNoTracking().OrderByDescending(i => i.Number).Select(i => i.Number).Take(2).ToListAsync(ct))
        .Select(n => $"status {n}").Append("overdue").ToList();
}
