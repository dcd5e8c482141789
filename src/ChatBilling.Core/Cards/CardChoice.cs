namespace ChatBilling.Core.Cards;

/// <summary>
/// One option of a choice field on a card (a Teams <c>Input.ChoiceSet</c> choice, a Slack select option): what the
/// person reads and the value their pick sends back.
/// </summary>
public sealed record CardChoice(string Title, string Value);
