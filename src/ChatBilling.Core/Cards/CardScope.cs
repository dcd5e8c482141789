using System.Text.Json;

namespace ChatBilling.Core.Cards;

/// <summary>
/// What a binding expression can see: <c>$root</c> (the whole data), <c>$data</c> (the current item) and
/// <c>$index</c> (its position while a <c>$data</c> array repeats an element; -1 outside a repetition).
/// A missing value is a default <see cref="JsonElement"/> (<see cref="JsonValueKind.Undefined"/>).
/// </summary>
/// <param name="Markdown">Escapes bound values where the host renders markdown (Teams TextBlocks and facts); null for channels that need none.</param>
/// <param name="Holder">The property whose value is being bound, and <see cref="InMarkdown"/> whether that value is rendered as markdown.</param>
internal readonly record struct CardScope(JsonElement Root, JsonElement Data, int Index, Func<string, string>? Markdown = null,
    string? Holder = null, bool InMarkdown = false)
{
    public static CardScope For(JsonElement data) => new(data, data, -1);

    public CardScope WithData(JsonElement data, int index) => this with { Data = data, Index = index };
}
