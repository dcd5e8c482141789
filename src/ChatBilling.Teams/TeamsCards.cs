using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Channels;

namespace ChatBilling.Teams;

/// <summary>Binds card view models into the Adaptive Card templates of <c>cards/teams</c>, as Teams shows them.</summary>
internal sealed class TeamsCards(ChatUsers users)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refreshes a card by itself for at most 60 listed users (msteams-docs User-Specific-Views.md).</summary>
    private const int MaxRefreshUsers = 60;

    /// <summary>
    /// The card for <paramref name="shown"/>. An approval request refreshes itself for the people who may decide it,
    /// so each of them sees their own buttons. msteams-docs
    /// <c>task-modules-and-cards/cards/Universal-actions-for-adaptive-cards/User-Specific-Views.md</c>: "Alex's and
    /// Megan's user MRIs are added in userIds", the <c>29:…</c> id Teams sends as <c>from.id</c>, which we learn from
    /// installs, messages and clicks (<see cref="ChatUsers"/>). A decider whose id we have not seen yet is left out, and
    /// with nobody known <c>userIds</c> is left out entirely: Teams then refreshes automatically for everyone in
    /// conversations of up to 60 members and offers a manual Refresh elsewhere (same page).
    /// </summary>
    public async Task<JsonObject> BindAsync(ShownCard shown, IEnumerable<ApproverSettings> deciders, CancellationToken ct)
    {
        var card = shown.Card;
        if (card is ApprovalRequestCard request)
        {
            var aadIds = deciders.Select(d => d.IdentityOn(TeamsServiceUrls.Channel)).OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var known = await users.IdsAsync(TeamsServiceUrls.Channel, aadIds, ct);
            var ids = aadIds.Select(a => known.GetValueOrDefault(a)).OfType<string>().Distinct().Take(MaxRefreshUsers).ToList();
            card = request with
            {
                RefreshUserIds = ids.Count > 0 ? ids : null,
                PreviewImageUrl = TeamsCanFetch(request.PreviewImageUrl) ? request.PreviewImageUrl : "",
            };
        }
        return TeamsDialect.Cards.Bind(shown.TemplateName, card);
    }

    /// <summary>
    /// Teams loads card images itself over public https and follows no redirect (msteams-docs
    /// <c>task-modules-and-cards/cards/cards-reference.md</c>, "Inline card images"); an http link would show a broken
    /// image, so the card leaves the image out and keeps its "Open PDF" action.
    /// </summary>
    public static bool TeamsCanFetch(string? url) => url?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

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
