using System.Reflection;
using System.Text.Json.Nodes;

namespace ChatBilling.Core.Cards;

/// <summary>
/// A chat platform's card dialect, declared by its adapter: <paramref name="Name"/> is its template folder under
/// <c>cards/</c> (embedded in <paramref name="Templates"/>, the adapter's assembly, as <c>cards/{Name}/{template}.json</c>)
/// and <paramref name="EscapeText"/> escapes every bound string for the platform's markup. A new platform brings its own
/// folder and dialect; Core names none.
/// </summary>
public sealed record CardDialect(string Name, Assembly Templates, Func<string, string>? EscapeText = null)
{
    /// <summary>This dialect's template names, e.g. <c>slack/digest</c>.</summary>
    public IReadOnlyList<string> TemplateNames => CardTemplates.NamesIn(this);

    /// <summary>Binds a view model into its template.</summary>
    public JsonObject Bind<TCard>(TCard card) where TCard : ICard => Bind(TCard.TemplateName, card);

    /// <summary>Binds any data into one of this dialect's templates, e.g. <c>Bind("help", card)</c>.</summary>
    public JsonObject Bind(string template, object data) => CardTemplates.Bind(this, template, data);

    /// <summary>The template name of a view model, e.g. <c>teams/decided</c>.</summary>
    public string NameOf<TCard>() where TCard : ICard => $"{Name}/{TCard.TemplateName}";
}
