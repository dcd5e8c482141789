using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatBilling.Core.Documents;
using ChatBilling.Tests.Approvals;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Approvals.ApprovalFixture;
using static ChatBilling.Tests.Trust.SignInLinks;

namespace ChatBilling.Tests.Trust;

/// <summary>One Data Protection key ring in the database: what one host signs, another host sharing the database honours.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string certificateFile = Path.Combine(Path.GetTempPath(), $"chatbilling-keyring-{Guid.NewGuid():N}.pfx");
    private readonly BillingApp first;
    private readonly BillingApp second;

    public KeyRingTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ChatBilling key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(certificateFile, certificate.Export(X509ContentType.Pfx, "ring-password"));
        first = Configure(new BillingApp());
        second = Configure(BillingApp.SharingDatabaseWith(first));
    }

    private BillingApp Configure(BillingApp app) => app.WithApprovers().With("PublicBaseUrl", "http://console.test")
        .With("DataProtection:CertificatePath", certificateFile).With("DataProtection:CertificatePassword", "ring-password");

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
        File.Delete(certificateFile);
    }

    [Fact]
    public async Task A_sign_in_link_a_cookie_and_a_document_link_made_on_one_host_work_on_the_other()
    {
        var a = first.Http();
        var b = second.Http();

        // A sign-in link emailed by host A, used on host B.
        await AskAsync(a, Dana);
        var link = await ReadLinkAsync(first, a, Dana);
        using var onB = Raw(second);
        var used = await onB.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        var cookie = used.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        // That cookie, made on B, works on A.
        using var onA = Raw(first);
        var me = new HttpRequestMessage(HttpMethod.Get, "/console/api/me");
        me.Headers.Add("Cookie", cookie);
        Assert.Equal("Dana Approver", (await (await onA.SendAsync(me)).ReadAsync(HttpStatusCode.OK))["name"].Str());

        // A signed document link made on A opens on B.
        var id = await a.SubmittedInvoiceAsync(5000m);
        var pdf = new Uri(first.Services.GetRequiredService<IDocumentLinks>().PdfUrl(Guid.Parse(id))).AbsolutePath;
        var response = await b.GetAsync(pdf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_stored_key_ring_is_encrypted_with_the_certificate()
    {
        var http = first.Http();
        await AskAsync(http, Dana);
        await ReadLinkAsync(first, http, Dana);
        var keys = await first.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }
}
