namespace ChatBilling.Core.Cards;

/// <summary>What the bot understands.</summary>
public sealed record HelpCard(IReadOnlyList<HelpCommand> Commands) : ICard
{
    public static string TemplateName => "help";
}

/// <summary>One command, as the user types it, e.g. "status INV-2026-0042".</summary>
public sealed record HelpCommand(string Command, string Description);
