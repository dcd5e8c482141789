using System.Diagnostics;
using ChatBilling.Core.Documents;
using SkiaSharp;

namespace ChatBilling.Bench.Documents;

/// <summary>
/// Where one rendering's CPU goes, stage by stage (layout, glyph collection, font subsetting, PDF drawing and
/// writing; preview drawing, grey conversion, PNG encoding), as medians of thread CPU time.
/// </summary>
internal static class DocumentStages
{
    public static void Print(InvoiceDocumentModel model, string name, int iterations)
    {
        using var fonts = new InvoiceFonts();
        var shaper = new TextShaper(fonts);
        var stages = new Dictionary<string, List<long>>();
        void Add(string stage, long ticks)
        {
            if (!stages.TryGetValue(stage, out var list)) stages[stage] = list = [];
            list.Add(ticks);
        }

        for (var i = 0; i < iterations; i++)
        {
            var t0 = Cpu();
            using var layout = new InvoiceLayout(model, shaper, null);
            var t1 = Cpu();
            layout.UseFontSubsets();
            var t2 = Cpu();
            using (var output = new MemoryStream())
            using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Creator = "bench" }))
            {
                for (var p = 0; p < layout.PageCount; p++)
                {
                    layout.DrawPage(document.BeginPage(layout.PageWidth, layout.PageHeight), p);
                    document.EndPage();
                }

                var t3 = Cpu();
                document.Close();
                var t4 = Cpu();
                if (i == 0 && Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { } path) File.WriteAllBytes(path + name + ".pdf", output.ToArray());
                Add("layout", t1 - t0);
                Add("subsets (dry run + hb-subset)", t2 - t1);
                Add("PDF pages drawn", t3 - t2);
                Add("PDF close (fonts, streams)", t4 - t3);
            }

            using (var full = new InvoiceLayout(model, shaper, null))
            using (var output = new MemoryStream())
            using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Creator = "bench" }))
            {
                var f0 = Cpu();
                for (var p = 0; p < full.PageCount; p++)
                {
                    full.DrawPage(document.BeginPage(full.PageWidth, full.PageHeight), p);
                    document.EndPage();
                }

                Add("  (pages drawn with whole fonts)", Cpu() - f0);
                using var none = new SKNoDrawCanvas((int)full.PageWidth, (int)full.PageHeight);
                var n0 = Cpu();
                for (var p = 0; p < full.PageCount; p++)
                {
                    full.DrawPage(none, p);
                }

                Add("  (pages drawn on no canvas)", Cpu() - n0);
            }

            var t5 = Cpu();
            using var preview = new InvoiceLayout(model, shaper, null);
            var png = InvoicePreview.Png(preview);
            Add("preview (layout + draw + PNG)", Cpu() - t5);
            if (i == 0 && Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { } pngPath) File.WriteAllBytes(pngPath + name + ".png", png);
            PreviewParts(preview, Add);
        }

        if (iterations > 0)
        {
            Console.WriteLine($"stages of {name} (median thread CPU, n={iterations}):");
            foreach (var (stage, ticks) in stages)
            {
                ticks.Sort();
                Console.WriteLine($"  {stage,-32} {TimeSpan.FromTicks(ticks[ticks.Count / 2]).TotalMilliseconds,8:F3} ms");
            }
        }
    }

    // The preview's steps one by one, as InvoicePreview takes them.
    private static void PreviewParts(InvoiceLayout layout, Action<string, long> add)
    {
        var t0 = Cpu();
        var info = new SKImageInfo(724, 1024, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        var t1 = Cpu();
        surface.Canvas.Scale(1024 / layout.PageHeight);
        layout.DrawPage(surface.Canvas, 0);
        var t2 = Cpu();
        using var pixels = surface.PeekPixels();
        GreyPng.Encode(pixels);
        var t3 = Cpu();
        add("  preview surface + clear", t1 - t0);
        add("  preview page drawn", t2 - t1);
        add("  preview grey PNG", t3 - t2);
    }

    private static long Cpu() => Timing.ThreadCpuTicks();
}
