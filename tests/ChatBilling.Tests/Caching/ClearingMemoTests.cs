using ChatBilling.Core.Caching;
using Xunit;

namespace ChatBilling.Tests.Caching;

public sealed class ClearingMemoTests
{
    [Fact]
    public void Remembers_until_full_then_starts_again_with_the_new_entry()
    {
        var memo = new ClearingMemo<int, string>(capacity: 2);
        memo.Set(1, "one");
        memo.Set(2, "two");
        Assert.True(memo.TryGet(1, out var one));
        Assert.Equal("one", one);

        Assert.Equal("three", memo.Set(3, "three"));

        Assert.False(memo.TryGet(1, out _));
        Assert.False(memo.TryGet(2, out _));
        Assert.True(memo.TryGet(3, out var three));
        Assert.Equal("three", three);
    }

    [Fact]
    public void Replacing_an_entry_when_full_still_clears_the_rest()
    {
        var memo = new ClearingMemo<string, int>(capacity: 2, StringComparer.Ordinal);
        memo.Set("a", 1);
        memo.Set("b", 2);
        memo.Set("a", 10);
        Assert.True(memo.TryGet("a", out var a));
        Assert.Equal(10, a);
        Assert.False(memo.TryGet("b", out _));
    }

    [Fact]
    public void Forgets_only_the_entries_that_match()
    {
        var memo = new ClearingMemo<string, string>(capacity: 10, StringComparer.Ordinal);
        memo.Set("sha-1", "F1");
        memo.Set("sha-2", "F1");
        memo.Set("sha-3", "F2");

        memo.RemoveWhere((_, file) => file == "F1");

        Assert.False(memo.TryGet("sha-1", out _));
        Assert.False(memo.TryGet("sha-2", out _));
        Assert.True(memo.TryGet("sha-3", out var kept));
        Assert.Equal("F2", kept);
    }
}
