using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBilling.Teams.Connector;

/// <summary>
/// What an Entra ID token endpoint refusal says, for the log: the OAuth <c>error</c> (RFC 6749 section 5.2, e.g.
/// <c>invalid_client</c>) and the <c>AADSTS…</c> codes from <c>error_codes</c> or the start of
/// <c>error_description</c> (e.g. AADSTS7000215, invalid client secret; AADSTS700016, app not found in the tenant).
/// Only those: the description may quote request values, and the request held the secret.
/// </summary>
internal static partial class EntraError
{
    public static string Describe(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("error_codes", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var code in list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Number))
                    codes.Add($"AADSTS{code.GetInt64()}");
            if (root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String
                && AadstsCode().Match(d.GetString() ?? "") is { Success: true } match)
                codes.Add(match.Value);
            return $"error={error ?? "(none)"}{(codes.Count > 0 ? " " + string.Join(" ", codes) : "")}";
        }
        catch (JsonException)
        {
            return "the answer was not an OAuth error document";
        }
    }

    [GeneratedRegex(@"\AAADSTS\d+")]
    private static partial Regex AadstsCode();
}
