namespace ChatBilling.Core.Cards;

/// <summary>What the bot understands; for a question it did not understand, also why and what the asker may have meant.</summary>
/// <param name="Reason">Why the question was not understood; null for a plain "help".</param>
/// <param name="Suggestions">Up to three questions to try instead, e.g. "pending over 10k".</param>
public sealed record HelpCard(IReadOnlyList<HelpCommand> Commands, string? Reason = null, IReadOnlyList<string>? Suggestions = null) : ICard
{
    public static string TemplateName => "help";
}

/// <summary>One command, as the user types it, e.g. "status INV-2026-0042".</summary>
public sealed record HelpCommand(string Command, string Description);
