using System.Text.RegularExpressions;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// Turns the outbox's last error (exception text, sometimes with server paths) into a sentence a billing person
/// can act on. The raw text stays in the logs and the history; the console shows only this.
/// </summary>
public static partial class FailureReasons
{
    public static string Readable(string? raw)
    {
        var text = raw ?? "";
        bool Has(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("connection refused") || Has("No connection could be made") || Has("SocketException"))
            return "The mail server could not be reached. Check that it is running and that Smtp:Host and Smtp:Port are right, then retry.";
        if (Has("timed out") || Has("timeout"))
            return "The mail server took too long to answer. Retry; if it keeps happening, check the mail server.";
        if (Has("authentication") || Has("535"))
            return "The mail server refused our sign-in. Check Smtp:UserName and Smtp:Password, then retry.";
        if (Has("mailbox unavailable") || Has("user unknown") || Has("5.1.1") || Has("550"))
            return "The customer's mail server refused the address. Check the client's email, then retry.";
        if (Has("certificate") || Has("SSL") || Has("TLS"))
            return "A secure connection to the mail server could not be made. Check Smtp:UseTls and the server's certificate, then retry.";
        if (Has("Seller"))
            return "The seller's details are not configured (Seller:Name), so no customer email can go yet.";
        var cleaned = Paths().Replace(ExceptionNames().Replace(text, ""), "…").Trim(' ', ':', '.');
        var first = cleaned.Split('\n', 2)[0].Trim();
        if (first.Length == 0) return "Sending failed for a reason we could not read. Retry, and tell your administrator if it fails again.";
        return $"Sending failed: {(first.Length > 160 ? first[..160] + "…" : first)}.";
    }

    [GeneratedRegex(@"(?:[A-Za-z]:)?[\\/][^\s:]+[\\/][^\s:]*")]
    private static partial Regex Paths();

    [GeneratedRegex(@"\b[\w.]+(?:Exception|Error)\b:?")]
    private static partial Regex ExceptionNames();
}
