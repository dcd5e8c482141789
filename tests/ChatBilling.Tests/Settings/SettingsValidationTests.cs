using ChatBilling.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatBilling.Tests.Settings;

/// <summary>A setting that cannot work stops the host at start-up with a message naming it, not at 8 in the morning.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Digest:TimeZone", "Europe/Berln", "Digest:TimeZone must be a time zone id")]
    [InlineData("Digest:TimeOfDay", "25:00", "Digest:TimeOfDay must be a time of day")]
    [InlineData("Approvals:DeadlineHours", "0", "Approvals:DeadlineHours must be at least 1")]
    [InlineData("Approvals:Approvers:0:Name", "Nameless", "Every entry of Approvals:Approvers needs an email")]
    [InlineData("Approvals:Rules:0:MinAmount", "1000", "Every entry of Approvals:Rules needs at least one role")]
    public void A_setting_that_cannot_work_stops_start_up_naming_it(string key, string value, string message)
    {
        using var app = new BillingApp().With(key, value);
        var error = Assert.Throws<OptionsValidationException>(() => app.Http());
        Assert.Contains(message, error.Message);
    }
}
