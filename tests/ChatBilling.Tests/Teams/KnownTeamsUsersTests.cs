using ChatBilling.Teams.Bot;

namespace ChatBilling.Tests.Teams;

/// <summary>The invoke path skips storing a person's Teams id only when this host stored that exact pair before.</summary>
public sealed class KnownTeamsUsersTests
{
    [Fact]
    public void Only_the_exact_pair_stored_before_is_skipped()
    {
        var known = new KnownTeamsUsers();
        Assert.False(known.AlreadyStored("aad-1", "29:one"));

        known.Stored("aad-1", "29:one");

        Assert.True(known.AlreadyStored("AAD-1", "29:one")); // AAD object ids are GUIDs, compared as Teams does, case-blind
        Assert.False(known.AlreadyStored("aad-1", "29:changed")); // a new id is stored again
        Assert.False(known.AlreadyStored("aad-2", "29:one"));
    }
}
