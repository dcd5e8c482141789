namespace ChatBilling.Core.Cards;

/// <summary>A card view model: names the template file it binds into, under <c>cards/teams/</c> and <c>cards/slack/</c>.</summary>
public interface ICard
{
    /// <summary>The template's file name without extension, e.g. <c>approval-request</c>.</summary>
    static abstract string TemplateName { get; }
}

/// <summary>Where a card is shown. The web console renders the Teams (Adaptive Card) templates.</summary>
public enum CardChannel
{
    Teams,
    Slack,
}
