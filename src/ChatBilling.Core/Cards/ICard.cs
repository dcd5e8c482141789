namespace ChatBilling.Core.Cards;

/// <summary>A card view model: names the template file it binds into, in each <see cref="CardDialect"/>'s folder.</summary>
public interface ICard
{
    /// <summary>The template's file name without extension, e.g. <c>approval-request</c>.</summary>
    static abstract string TemplateName { get; }
}
