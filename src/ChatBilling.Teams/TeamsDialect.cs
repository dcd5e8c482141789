using ChatBilling.Core.Cards;

namespace ChatBilling.Teams;

/// <summary>
/// Teams' card dialect: the Adaptive Card templates of <c>cards/teams</c>, with bound text markdown-escaped
/// (<see cref="TeamsMarkdown"/>). The web console shows the same cards.
/// </summary>
public static class TeamsDialect
{
    public static CardDialect Cards { get; } = new("teams", typeof(TeamsDialect).Assembly, TeamsMarkdown.Escape);
}
