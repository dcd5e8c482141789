using System.Text;
using ChatBilling.Core.Cards;
using ChatBilling.Teams.Connector;
using ChatBilling.Tests.Cards;

namespace ChatBilling.Tests.Teams;

/// <summary>Teams refuses bot messages over about 28 KB; every card, at its fullest, must fit with room to spare.</summary>
public sealed class TeamsCardSizeTests
{
    /// <summary>
    /// "Well under": 8 KB of headroom for longer names and translated text. Measured: the approval card with 20
    /// checks is about 5 KB, the busiest digest (every list at its cap) about 14 KB.
    /// </summary>
    private const int Budget = 20 * 1024;

    public static IEnumerable<object[]> TeamsSamples() =>
        CardSamples.All().Where(s => s.Template.StartsWith("teams/", StringComparison.Ordinal)).Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(TeamsSamples))]
    public void Every_teams_card_as_a_message_stays_well_under_the_size_limit(string sample)
    {
        var (_, template, card) = CardSamples.All().Single(s => s.Name == sample);
        var activity = ConnectorClient.Message(text: "Invoice INV-2026-0042", card: Dialects.Bind(template, card));
        var size = Encoding.UTF8.GetByteCount(activity.ToJsonString());
        Assert.True(size < Budget, $"{sample} is {size} bytes as a Teams message; the budget is {Budget}.");
    }
}
