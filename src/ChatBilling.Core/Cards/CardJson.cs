using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBilling.Core.Cards;

/// <summary>How card view models become binding data, and how button payloads are read back.</summary>
public static class CardJson
{
    /// <summary>camelCase names and camelCase enum strings: the names templates bind (<c>${clientName}</c>, <c>'warning'</c>).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Serialises by the runtime type, so a view model passed as <c>object</c> keeps all its properties.</summary>
    internal static JsonElement ToElement(object? data) =>
        data is null ? default : JsonSerializer.SerializeToElement(data, data.GetType(), Options);
}
