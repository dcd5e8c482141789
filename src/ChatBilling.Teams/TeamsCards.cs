using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;

namespace ChatBilling.Teams;

/// <summary>Binds card view models into the Adaptive Card templates of <c>cards/teams</c>, as Teams shows them.</summary>
internal static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refreshes a card by itself for at most 60 listed users.</summary>
    private const int MaxRefreshUsers = 60;

    /// <summary>
    /// The card for <paramref name="shown"/>; an approval request refreshes itself for the people who may decide
    /// it (Teams user MRIs from their AAD object ids), so each of them sees their own buttons.
    /// </summary>
    public static JsonObject Bind(ShownCard shown, IEnumerable<ApproverSettings> deciders)
    {
        var card = shown.Card;
        if (card is ApprovalRequestCard request)
        {
            var ids = deciders.Select(d => d.TeamsAadObjectId).Where(id => !string.IsNullOrEmpty(id))
                .Select(id => $"8:orgid:{id}").Distinct().Take(MaxRefreshUsers).ToList();
            // An empty list would switch automatic refresh off; null lets Teams refresh for everyone in small channels.
            card = request with { RefreshUserIds = ids.Count > 0 ? ids : null };
        }
        return CardTemplates.Bind($"teams/{shown.TemplateName}", card);
    }

    /// <summary>The card with a line on top saying what happened to the person who clicked (or why nothing did).</summary>
    public static JsonObject WithNote(JsonObject card, string note, bool problem)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = note, ["wrap"] = true, ["weight"] = "Bolder",
            ["color"] = problem ? "Attention" : "Good",
        };
        if (card["body"] is JsonArray body) body.Insert(0, block);
        else card["body"] = new JsonArray(block);
        return card;
    }

    /// <summary>A card holding one line, for answers with no invoice to show.</summary>
    public static JsonObject Note(string text) => new()
    {
        ["type"] = "AdaptiveCard", ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
