using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBilling.Host.Security;

/// <summary>
/// Data Protection tokens that carry their own expiry and are judged by the injected <see cref="TimeProvider"/>.
/// (The built-in time-limited protector reads the system clock, so links could not follow the clock the rest of
/// the product runs on, and tests with a fake clock would break once the real date passed their expiry.)
/// </summary>
public sealed class ExpiringTokens(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>A protector for one purpose; tokens of one purpose are refused by every other.</summary>
    public Protector For(string purpose) => new(protection.CreateProtector(purpose), time);

    public sealed class Protector(IDataProtector protector, TimeProvider time)
    {
        public string Protect(string value, TimeSpan lifetime) =>
            protector.Protect($"{(time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{value}");

        /// <summary>The protected value, or null for a forged, foreign or expired token.</summary>
        public string? Unprotect(string token)
        {
            string payload;
            try
            {
                payload = protector.Unprotect(token);
            }
            catch (CryptographicException)
            {
                return null;
            }
            var bar = payload.IndexOf('|');
            if (bar < 0 || !long.TryParse(payload.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return null;
            return time.GetUtcNow().ToUnixTimeSeconds() < expires ? payload[(bar + 1)..] : null;
        }
    }
}
