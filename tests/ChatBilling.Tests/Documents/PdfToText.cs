using System.Diagnostics;

namespace ChatBilling.Tests.Documents;

/// <summary>Poppler's pdftotext (Debian poppler-utils), a second, independent reader of the text layer.</summary>
internal static class PdfToText
{
    public static string Read(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatbilling-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start.");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
