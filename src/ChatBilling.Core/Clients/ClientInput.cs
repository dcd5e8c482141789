using System.Globalization;
using System.Net.Mail;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Money;
using ChatBilling.Core.Validation;

namespace ChatBilling.Core.Clients;

/// <summary>A client as a caller sends it; nullable so a missing field is reported by name.</summary>
public sealed record ClientInput(
    string? Name,
    string? Email,
    string? Currency,
    string? Locale,
    string? PaperSize,
    IReadOnlyList<string>? AddressLines,
    IReadOnlyList<int>? ReminderOffsetsDays,
    string? TaxId = null,
    IReadOnlyList<string>? ExtraRecipients = null);

internal static class ClientValidator
{
    public const int MaxExtraRecipients = 10;
    public const int MaxTaxIdLength = Storage.FieldLengths.TaxId;

    public static Client ToClient(ClientInput input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = ["name is required."];
        else if (name.Length > Storage.FieldLengths.Name) errors["name"] = [$"name must be at most {Storage.FieldLengths.Name} characters."];
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email)) errors["email"] = ["email is required."];
        else if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > Storage.FieldLengths.Email)
            errors["email"] = [$"'{email}' is not an email address."];
        var currency = input.Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency)) errors["currency"] = ["currency is required."];
        else if (!Currencies.IsKnown(currency)) errors["currency"] = [$"'{input.Currency}' is not an ISO 4217 currency code."];
        var locale = string.IsNullOrWhiteSpace(input.Locale) ? "en-GB" : input.Locale.Trim();
        if (!IsCulture(locale)) errors["locale"] = [$"'{locale}' is not a known locale such as en-GB or pl-PL."];
        var paper = string.IsNullOrWhiteSpace(input.PaperSize) ? "A4" : input.PaperSize.Trim();
        if (!paper.Equals("A4", StringComparison.OrdinalIgnoreCase) && !paper.Equals("Letter", StringComparison.OrdinalIgnoreCase))
            errors["paperSize"] = ["paperSize is A4 or Letter."];
        if (input.AddressLines is { Count: > 6 } || input.AddressLines?.Any(l => l is null || l.Length > Storage.FieldLengths.Name) == true)
            errors["addressLines"] = [$"addressLines holds at most 6 lines of at most {Storage.FieldLengths.Name} characters."];
        if (input.ReminderOffsetsDays is { } offsets && (offsets.Count > 10 || offsets.Any(d => d is < -90 or > 365)))
            errors["reminderOffsetsDays"] = ["reminderOffsetsDays holds at most 10 offsets between -90 and 365 days."];
        var taxId = string.IsNullOrWhiteSpace(input.TaxId) ? null : input.TaxId.Trim();
        if (taxId is { Length: > MaxTaxIdLength }) errors["taxId"] = [$"taxId must be at most {MaxTaxIdLength} characters."];
        var extra = ExtraRecipients(input.ExtraRecipients, email, errors);
        InputRules.CheckText(errors, "name", input.Name);
        InputRules.CheckText(errors, "taxId", input.TaxId);
        InputRules.CheckText(errors, "email", input.Email);
        InputRules.CheckText(errors, "locale", input.Locale);
        InputRules.CheckText(errors, "paperSize", input.PaperSize);
        if (input.AddressLines?.Any(l => l is not null && !InputRules.IsStorableText(l)) == true)
            errors.TryAdd("addressLines", [InputRules.TextMessage("addressLines")]);
        if (errors.Count > 0) throw new InvalidInputException(errors);

        return new Client
        {
            Name = name!, Email = email!, Currency = currency!, Locale = locale,
            PaperSize = paper.Equals("A4", StringComparison.OrdinalIgnoreCase) ? "A4" : "Letter",
            AddressLines = input.AddressLines?.Select(l => l.Trim()).ToList() ?? [],
            ReminderOffsetsDays = input.ReminderOffsetsDays?.Distinct().Order().ToList(),
            TaxId = taxId,
            ExtraRecipients = extra,
            CreatedAt = now,
        };
    }

    /// <summary>Addresses copied on the client's emails: each a plain address, none repeated or the same as the main one.</summary>
    private static List<string> ExtraRecipients(IReadOnlyList<string>? given, string? main, Dictionary<string, string[]> errors)
    {
        var found = new List<string>();
        if (given is null) return found;
        if (given.Count > MaxExtraRecipients)
        {
            errors["extraRecipients"] = [$"extraRecipients holds at most {MaxExtraRecipients} addresses."];
            return found;
        }
        foreach (var raw in given)
        {
            var address = raw?.Trim();
            if (string.IsNullOrEmpty(address)) continue;
            if (address.Length > 254 || !InputRules.IsStorableText(address) || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            {
                errors["extraRecipients"] = [$"'{address}' in extraRecipients is not an email address."];
                return found;
            }
            if (!address.Equals(main, StringComparison.OrdinalIgnoreCase) && !found.Contains(address, StringComparer.OrdinalIgnoreCase))
                found.Add(address);
        }
        return found;
    }

    private static bool IsCulture(string name)
    {
        try { return !CultureInfo.GetCultureInfo(name, predefinedOnly: true).Equals(CultureInfo.InvariantCulture); }
        catch (CultureNotFoundException) { return false; }
    }
}
