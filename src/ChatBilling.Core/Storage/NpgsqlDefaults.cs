using System.Data.Common;

namespace ChatBilling.Core.Storage;

/// <summary>
/// Npgsql settings the product turns on when the operator's connection string does not say otherwise. A setting the
/// string names, under any of Npgsql's spellings of its keyword, is left exactly as the operator wrote it (even a value
/// equal to Npgsql's own default, such as <c>Max Auto Prepare=0</c> to switch preparation off).
/// </summary>
public static class NpgsqlDefaults
{
    /// <summary>
    /// Statements each pooled connection keeps prepared on the server. EF Core never calls <c>Prepare()</c>, so without
    /// this every statement is parsed and planned anew; Npgsql's automatic preparation prepares a statement once it has
    /// run <c>Auto Prepare Min Usages</c> (5) times and keeps it across pool returns, recycling the least recently used
    /// beyond this number (https://www.npgsql.org/doc/prepare.html, "Automatic Preparation"; and "Max Auto Prepare" under Performance in
    /// https://www.npgsql.org/doc/connection-string-parameters.html: 0, the default, disables it). The card
    /// posts, decisions and claims repeat a few dozen statement shapes, so 128 holds all of them, well under the 256 above
    /// which Npgsql warns.
    /// </summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>The connection string with the product's defaults added for every setting it does not name.</summary>
    public static string Apply(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (Names(named, "Max Auto Prepare")) return connectionString;
        named["Max Auto Prepare"] = MaxAutoPrepare;
        return named.ConnectionString;
    }

    // Npgsql reads its keywords case-insensitively and with or without spaces ("Max Auto Prepare", "MaxAutoPrepare").
    private static bool Names(DbConnectionStringBuilder builder, string keyword) =>
        builder.Keys.Cast<string>().Any(k => Squeezed(k) == Squeezed(keyword));

    private static string Squeezed(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
