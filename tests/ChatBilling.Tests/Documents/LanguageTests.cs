using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Documents;

/// <summary>The client's locale picks the language of PDF labels and customer emails; other locales get English.</summary>
public sealed class LanguageTests : IDisposable
{
    private readonly InvoiceRenderer renderer = new();

    public static TheoryData<string, string> Locales => new()
    {
        { "en-GB", "en" }, { "de-DE", "de" }, { "fr-FR", "fr" }, { "es-ES", "es" }, { "it-IT", "it" },
        { "nl-NL", "nl" }, { "pl-PL", "pl" }, { "pt-PT", "pt" }, { "ja-JP", "ja" },
    };

    [Theory]
    [MemberData(nameof(Locales))]
    public void Pdf_labels_are_in_the_clients_language(string locale, string language)
    {
        var texts = DocumentTexts.For(locale);
        Assert.Equal(language, texts.Language);

        var pdf = renderer.RenderPdf(InvoiceSamples.OnePage("EUR", locale));

        // Both readers, in logical order: PdfPig in drawing order, pdftotext by position on the page.
        var text = Compact(Assert.Single(PdfText.Pages(pdf)));
        var poppler = Compact(PdfToText.Read(pdf));
        foreach (var key in new[] { "pdf.title", "pdf.billTo", "pdf.dueDate", "pdf.totalDue", "pdf.description", "pdf.notes", "pdf.paymentInstructions" })
        {
            Assert.Contains(Compact(texts[key]), text);
            Assert.Contains(Compact(texts[key]), poppler);
        }

        Assert.Contains(Compact(texts.Format("pdf.page", ("page", "1"), ("pages", "1"))), text);
        Assert.Contains(Compact(texts.Format("pdf.page", ("page", "1"), ("pages", "1"))), poppler);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Invoice_and_reminder_emails_are_in_the_clients_language(string locale, string language)
    {
        var builder = new InvoiceEmailBuilder(Options.Create(new SmtpSettings { From = "billing@demo.test" }), new FakeTimeProvider());
        var texts = DocumentTexts.For(language);
        InvoiceEmail Email(int? offset) => new("key-" + offset, "INV-2026-0042", "Ada", "ada@example.test", 1200m, "EUR",
            new DateOnly(2026, 12, 22), new Uri("https://billing.test/i/abc"), new byte[] { 1 }, locale, offset);

        var invoice = builder.Build(Email(null));
        var reminder = builder.Build(Email(-7));
        var overdue = builder.Build(Email(3));

        Assert.Equal(texts.Format("email.subject", ("number", "INV-2026-0042")), invoice.Subject);
        Assert.Contains(texts.Format("email.greeting", ("name", "Ada")), invoice.TextBody);
        Assert.Equal(texts.Format("reminder.beforeSubject", ("number", "INV-2026-0042"), ("days", "7")), reminder.Subject);
        Assert.Equal(texts.Format("reminder.overdueSubject", ("number", "INV-2026-0042"), ("days", "3")), overdue.Subject);
    }

    [Theory]
    [InlineData("sv-SE")]
    [InlineData("tlh")]
    [InlineData("")]
    public void Other_locales_fall_back_to_english(string locale)
    {
        Assert.Equal("en", DocumentTexts.For(locale).Language);
    }

    [Fact]
    public void Every_translation_has_every_english_key()
    {
        var english = ReadKeys("en");
        foreach (var language in DocumentTexts.Languages)
        {
            Assert.Equal(english, ReadKeys(language));
        }
    }

    private static SortedSet<string> ReadKeys(string language)
    {
        using var stream = typeof(DocumentTexts).Assembly.GetManifestResourceStream($"ChatBilling.Core.Documents.Texts.{language}.json")!;
        return [.. System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.Keys];
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public void Dispose() => renderer.Dispose();
}
