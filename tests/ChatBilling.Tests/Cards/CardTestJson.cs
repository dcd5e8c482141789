using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBilling.Tests.Cards;

/// <summary>JSON text as a person writes it (no \u0027 for '), so expected values in tests stay readable.</summary>
internal static class CardTestJson
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";
}
