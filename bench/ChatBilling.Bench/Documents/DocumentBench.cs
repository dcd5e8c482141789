using ChatBilling.Core.Documents;

namespace ChatBilling.Bench.Documents;

/// <summary>
/// Times the invoice renderer (one-page PDF and PNG preview, 20-page PDF) and, for scale, Chromium
/// printing the same one-page invoice from HTML. Allocation figures count managed memory only;
/// Skia's native buffers are not included.
/// </summary>
internal static class DocumentBench
{
    private const double OnePagePdfAimMs = 3;
    private const int OnePagePdfAimBytes = 30 * 1024;
    private const double PreviewAimMs = 15;

    public static int Run(string[] args)
    {
        using var renderer = new InvoiceRenderer();
        var onePage = BenchInvoices.OnePage();
        var twentyPages = BenchInvoices.Pages(renderer, 20);
        Console.WriteLine($"Invoice renderer (SkiaSharp), .NET {Environment.Version}, {Environment.ProcessorCount} CPUs");
        Console.WriteLine($"20-page model: {twentyPages.Lines.Count} lines, {renderer.CountPages(twentyPages)} pages");

        var pdf = Timing.Measure("one-page PDF", () => renderer.RenderPdf(onePage), warmup: 50, iterations: 500);
        var png = Timing.Measure("one-page PNG preview", () => renderer.RenderPreviewPng(onePage), warmup: 20, iterations: 200);
        var longPdf = Timing.Measure("20-page PDF", () => renderer.RenderPdf(twentyPages), warmup: 5, iterations: 50);
        foreach (var measurement in new[] { pdf, png, longPdf })
        {
            Console.WriteLine(measurement);
        }

        var chromium = MeasureChromium(onePage);
        Console.WriteLine(chromium);
        Console.WriteLine($"Chromium / SkiaSharp one-page PDF time: {chromium.Median / pdf.Median:N0}x");

        var met = new[]
        {
            Aim("one-page PDF under 3 ms", pdf.Median.TotalMilliseconds < OnePagePdfAimMs),
            Aim("one-page PDF under 30 KB", pdf.OutputBytes < OnePagePdfAimBytes),
            Aim("preview under 15 ms", png.Median.TotalMilliseconds < PreviewAimMs),
        };
        return met.All(ok => ok) ? 0 : 1;
    }

    private static Measurement MeasureChromium(InvoiceDocumentModel model)
    {
        var work = Directory.CreateTempSubdirectory("chatbilling-bench-");
        try
        {
            var html = Path.Combine(work.FullName, "invoice.html");
            File.WriteAllText(html, InvoiceHtml.Render(model));
            return Timing.Measure("Chromium --print-to-pdf", () => ChromiumPrint.Print(html, work.FullName), warmup: 1, iterations: 5, worksOnThisThread: false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static bool Aim(string aim, bool met)
    {
        Console.WriteLine($"  aim {aim}: {(met ? "met" : "MISSED")}");
        return met;
    }
}
