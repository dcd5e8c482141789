using System.Text.Json.Nodes;
using ChatBilling.Core.Cards;
using ChatBilling.Slack;
using ChatBilling.Teams;

namespace ChatBilling.Tests.Cards;

/// <summary>The card dialects the adapters declare, and binding by full template name (<c>teams/help</c>) for tables of samples.</summary>
internal static class Dialects
{
    public static readonly CardDialect[] All = [TeamsDialect.Cards, SlackDialect.Cards];

    /// <summary>Every template of every dialect, e.g. <c>slack/digest</c>.</summary>
    public static IReadOnlyList<string> Names => All.SelectMany(d => d.TemplateNames).Order(StringComparer.Ordinal).ToArray();

    public static JsonObject Bind(string templateName, object data)
    {
        var slash = templateName.IndexOf('/', StringComparison.Ordinal);
        return All.Single(d => d.Name == templateName[..slash]).Bind(templateName[(slash + 1)..], data);
    }

    public static string BindToJson(string templateName, object data) => Bind(templateName, data).ToJsonString();
}
