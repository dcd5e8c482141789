using System.Diagnostics;

namespace ChatBilling.Bench.Documents;

/// <summary>Prints an HTML file to PDF with Debian's headless Chromium, one fresh browser process per document.</summary>
internal static class ChromiumPrint
{
    public const string Executable = "/usr/bin/chromium";

    /// <returns>The PDF bytes Chromium wrote.</returns>
    public static byte[] Print(string htmlPath, string workDirectory)
    {
        var pdfPath = Path.Combine(workDirectory, "chromium.pdf");
        File.Delete(pdfPath);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            $"--user-data-dir={Path.Combine(workDirectory, "profile")}",

            // Without this Chromium adds its own date, title and URL headers, which our PDF does not have.
            "--no-pdf-header-footer",
            $"--print-to-pdf={pdfPath}",
            new Uri(htmlPath).AbsoluteUri,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish printing within two minutes.");
        }

        if (process.ExitCode != 0 || !File.Exists(pdfPath))
        {
            throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {stderr.Result}");
        }

        return File.ReadAllBytes(pdfPath);
    }
}
