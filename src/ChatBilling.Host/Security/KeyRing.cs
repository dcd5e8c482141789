using System.Security.Cryptography.X509Certificates;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBilling.Host.Security;

/// <summary>
/// One Data Protection key ring for every host, kept in the shared database through Data Protection's own EF Core
/// store, so a sign-in link, a console cookie or a signed document link made on one host is honoured by the next.
/// With <c>DataProtection:CertificatePath</c> (a PFX, with <c>DataProtection:CertificatePassword</c>) the keys are
/// encrypted at rest with that certificate; without it they are stored as plain XML and start-up says so outside
/// Development. See https://learn.microsoft.com/aspnet/core/security/data-protection/implementation/key-storage-providers#entity-framework-core
/// and .../key-encryption-at-rest#x509-certificate.
/// </summary>
internal static class KeyRing
{
    /// <summary>Fixed, so hosts installed in different folders still share keys (the default name is the content root).</summary>
    public const string ApplicationName = "ChatBilling";

    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<ChatBillingDb>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet));
        return builder;
    }

    public static void WarnWhenUnencrypted(WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration["DataProtection:CertificatePath"]))
            app.Logger.LogWarning("DataProtection:CertificatePath is not set: the shared key ring is stored in the database unencrypted.");
    }
}
