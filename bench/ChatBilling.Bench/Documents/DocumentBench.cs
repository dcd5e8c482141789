using ChatBilling.Core.Documents;

namespace ChatBilling.Bench.Documents;

/// <summary>
/// Times the invoice renderer (one-page PDF and PNG preview, 20-page PDF) and, for scale, Chromium
/// printing the same one-page invoice from HTML. Allocation figures count managed memory only;
/// Skia's native buffers are not included.
/// </summary>
internal static class DocumentBench
{
    // The aims of issue #19, in thread CPU time (the machine is shared, so wall time says less).
    private const double OnePagePdfAimMs = 1.5;
    private const int OnePagePdfAimBytes = 20 * 1024;
    private const double PreviewAimMs = 6;
    private const int PreviewAimBytes = 60 * 1024;
    private const double TwentyPagesAimMs = 20;
    private const int JapaneseAimBytes = 100 * 1024;

    public static int Run(string[] args)
    {
        using var renderer = new InvoiceRenderer();
        var onePage = BenchInvoices.OnePage();
        var twentyPages = BenchInvoices.Pages(renderer, 20);
        Console.WriteLine($"Invoice renderer (SkiaSharp), .NET {Environment.Version}, {Environment.ProcessorCount} CPUs");
        Console.WriteLine($"20-page model: {twentyPages.Lines.Count} lines, {renderer.CountPages(twentyPages)} pages");
        if (args.Contains("stages"))
        {
            // Only the breakdown: quick enough to run after each change while profiling.
            DocumentStages.Print(onePage, "one-page invoice", 300);
            DocumentStages.Print(twentyPages, "20-page invoice", 30);
            if (Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { } path)
            {
                // Samples to look at (pdftoppm) after a change to fonts or shaping.
                foreach (var (name, model) in BenchInvoices.Scripts())
                {
                    File.WriteAllBytes(path + name + ".pdf", renderer.RenderPdf(model));
                }
            }

            return 0;
        }

        var pdf = Timing.Measure("one-page PDF", () => renderer.RenderPdf(onePage), warmup: 50, iterations: 500);
        var png = Timing.Measure("one-page PNG preview", () => renderer.RenderPreviewPng(onePage), warmup: 20, iterations: 200);
        var longPdf = Timing.Measure("20-page PDF", () => renderer.RenderPdf(twentyPages), warmup: 5, iterations: 50);
        var japanese = Timing.Measure("one-page PDF, Japanese", () => renderer.RenderPdf(BenchInvoices.Japanese()), warmup: 20, iterations: 200);
        var arabic = Timing.Measure("one-page PDF, Arabic", () => renderer.RenderPdf(BenchInvoices.Arabic()), warmup: 20, iterations: 200);
        foreach (var measurement in new[] { pdf, png, longPdf, japanese, arabic })
        {
            Console.WriteLine(measurement);
        }

        var chromium = MeasureChromium(onePage);
        Console.WriteLine(chromium);
        Console.WriteLine($"Chromium / SkiaSharp one-page PDF time: {chromium.Median / pdf.Median:N0}x");

        var met = new[]
        {
            Aim("one-page PDF at most 1.5 ms CPU", Cpu(pdf) <= OnePagePdfAimMs),
            Aim("one-page PDF at most 20 KB", pdf.OutputBytes <= OnePagePdfAimBytes),
            Aim("preview at most 6 ms CPU", Cpu(png) <= PreviewAimMs),
            Aim("preview at most 60 KB", png.OutputBytes <= PreviewAimBytes),
            Aim("20-page PDF at most 20 ms CPU", Cpu(longPdf) <= TwentyPagesAimMs),
            Aim("Japanese one-page PDF under 100 KB", japanese.OutputBytes < JapaneseAimBytes),
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

    private static double Cpu(Measurement m) => (m.CpuMedian ?? m.Median).TotalMilliseconds;

    private static bool Aim(string aim, bool met)
    {
        Console.WriteLine($"  aim {aim}: {(met ? "met" : "MISSED")}");
        return met;
    }
}
