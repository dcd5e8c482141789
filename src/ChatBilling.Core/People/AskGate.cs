using ChatBilling.Core.Conversations;

namespace ChatBilling.Core.People;

/// <summary>An answer for a known person, or a refusal line for anyone else.</summary>
public sealed record GatedAnswer(BotAnswer? Answer, string Refusal)
{
    public bool Refused => Answer is null;
}

/// <summary>
/// The one door every channel's questions go through: known people get the answer; anyone else gets a short,
/// friendly refusal that tells nothing about invoices (no counts, no names, not even whether any exist) and says
/// whom to ask. The refusal is the same for every question, so it cannot be used to probe invoice numbers.
/// </summary>
public sealed class AskGate(BotAnswers answers, PeopleDirectory people)
{
    public Task<GatedAnswer> AnswerAsync(Person? asker, string? text, CancellationToken ct) => AnswerAsync(asker, text, null, ct);

    /// <param name="locale">The asker's locale when the channel knows it (Teams sends one); amounts and dates follow it.</param>
    public async Task<GatedAnswer> AnswerAsync(Person? asker, string? text, string? locale, CancellationToken ct) =>
        asker is null ? Refuse() : new(await answers.AnswerAsync(text, new BotAsker(asker.Email, asker.Name, locale), ct), "");

    private GatedAnswer Refuse() => new(null, RefusalLine());

    public string RefusalLine() =>
        $"Sorry, I only answer billing questions for people on the billing team. Ask {people.WhoToAsk()} to add you to ChatBilling.";
}
