using ChatBilling.Core.People;
using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Settings;

/// <summary>
/// A person's chat ids are keyed by channel name (<c>identities: { "slack": …, "teams": … }</c>); the contract's
/// <c>slackUserId</c> and <c>teamsAadObjectId</c> keys still say the same, and identities win when both are given.
/// </summary>
public sealed class ChatIdentityTests
{
    [Fact]
    public void Identities_by_channel_name_and_the_contract_keys_find_the_same_people()
    {
        using var app = new BillingApp()
            .With("Approvals:Approvers:0:Name", "Dana").With("Approvals:Approvers:0:Email", "dana@example.com")
            .With("Approvals:Approvers:0:Identities:slack", "U0DANA").With("Approvals:Approvers:0:Identities:teams", "aad-dana")
            .With("Approvals:Approvers:1:Name", "Sam").With("Approvals:Approvers:1:Email", "sam@example.com")
            .With("Approvals:Approvers:1:slackUserId", "U0SAM").With("Approvals:Approvers:1:teamsAadObjectId", "AAD-SAM")
            .With("Approvals:Approvers:2:Name", "Fin").With("Approvals:Approvers:2:Email", "fin@example.com")
            .With("Approvals:Approvers:2:Identities:slack", "U0FIN").With("Approvals:Approvers:2:slackUserId", "U0OLDFIN")
            .With("Approvals:Viewers:0:Name", "Vic").With("Approvals:Viewers:0:teamsAadObjectId", "aad-vic");
        app.Http();
        var people = app.Services.GetRequiredService<PeopleDirectory>();

        Assert.Equal("Dana", people.ByIdentity("slack", "U0DANA")?.Name);
        Assert.Equal("Dana", people.ByIdentity("teams", "AAD-DANA")?.Name);
        Assert.Equal("Sam", people.ByIdentity("slack", "U0SAM")?.Name);
        Assert.Equal("Sam", people.ByIdentity("teams", "aad-sam")?.Name);
        Assert.Equal("Fin", people.ByIdentity("slack", "U0FIN")?.Name);
        Assert.Null(people.ByIdentity("slack", "U0OLDFIN"));
        // An id proves who someone is only on the channel it was configured for.
        Assert.Null(people.ByIdentity("teams", "U0DANA"));
        Assert.Null(people.ByIdentity("slack", null));
        var vic = people.ByIdentity("teams", "aad-vic");
        Assert.Equal("Vic", vic?.Name);
        Assert.False(vic?.MayDecide);
    }
}
