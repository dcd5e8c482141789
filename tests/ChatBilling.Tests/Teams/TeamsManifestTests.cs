using System.Text.Json.Nodes;

namespace ChatBilling.Tests.Teams;

/// <summary>The Teams app package parts: a manifest Teams accepts for side-loading, and icons of the sizes it demands.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(RepoRoot(), "manifests", "teams");

    [Fact]
    public void The_manifest_names_the_bot_in_every_scope_with_its_commands()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

        Assert.Contains("/v1.25/", manifest["$schema"]!.GetValue<string>());
        Assert.True(Version.Parse(manifest["manifestVersion"]!.GetValue<string>()) >= new Version(1, 25));
        // From manifest 1.25, an app with the team scope declares whether it works in private and shared channels;
        // ours does (it posts and answers by conversation id, whatever the channel's kind).
        Assert.Equal("tier1", manifest["supportsChannelFeatures"]!.GetValue<string>());
        // The store's naming rules keep "Teams" (Microsoft's mark) out of an app's name.
        Assert.DoesNotContain("Teams", manifest["name"]!["full"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.True(Guid.TryParse(manifest["id"]!.GetValue<string>(), out _));
        foreach (var field in new[] { "version", "developer", "name", "description", "icons", "accentColor", "validDomains" })
            Assert.NotNull(manifest[field]);
        Assert.True(manifest["name"]!["short"]!.GetValue<string>().Length <= 30);
        Assert.True(manifest["description"]!["short"]!.GetValue<string>().Length <= 80);

        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.True(Guid.TryParse(bot["botId"]!.GetValue<string>(), out _));
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        var commands = bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>());
        Assert.Equal(["help", "overdue", "pending", "status"], commands.Order());
        Assert.NotEmpty(manifest["validDomains"]!.AsArray());
    }

    [Fact]
    public void The_placeholder_app_id_is_never_packaged_and_the_package_names_the_bot_and_host()
    {
        var manifest = File.ReadAllText(Path.Combine(Folder, "manifest.json"));
        // The repository's manifest holds the placeholder on purpose: only the packaging script fills it in.
        Assert.Contains(Placeholder, manifest);
        var zip = Path.Combine(Path.GetTempPath(), $"chatbilling-teams-{Guid.NewGuid():N}.zip");
        try
        {
            var refused = Package(Placeholder, "billing.contoso.com", zip);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.False(File.Exists(zip));

            var done = Package("0a1b2c3d-1111-2222-3333-444455556666", "billing.contoso.com", zip);
            Assert.True(done.ExitCode == 0, done.Output);
            using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var packaged = reader.ReadToEnd();
            Assert.DoesNotContain(Placeholder, packaged);
            Assert.DoesNotContain("billing.example.com", packaged);
            var json = JsonNode.Parse(packaged)!;
            Assert.Equal("0a1b2c3d-1111-2222-3333-444455556666", json["id"]!.GetValue<string>());
            Assert.Equal("0a1b2c3d-1111-2222-3333-444455556666", json["bots"]![0]!["botId"]!.GetValue<string>());
            Assert.Equal(["billing.contoso.com"], json["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private const string Placeholder = "00000000-0000-0000-0000-000000000000";

    private static (int ExitCode, string Output) Package(string appId, string host, string zip)
    {
        var start = new System.Diagnostics.ProcessStartInfo("python3", [Path.Combine(Folder, "package.py"), "--app-id", appId, "--host", host, "--out", zip])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_sizes_teams_requires(string file, int size)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // IHDR follows the 8-byte signature and 8 bytes of chunk length and type: width, then height, big-endian.
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "outline.png"));
        Assert.Equal(6, bytes[25]); // colour type 6: RGBA, 8 bits per channel
        var pixels = Inflate(bytes);
        var (white, clear) = (0, 0);
        for (var row = 0; row < 32; row++)
        {
            var start = row * (1 + 32 * 4);
            Assert.Equal(0, pixels[start]); // filter "none", as tools/teams-icons/make_icons.py writes
            for (var x = 0; x < 32; x++)
            {
                var p = pixels.AsSpan(start + 1 + x * 4, 4);
                if (p[3] == 0) clear++;
                else if (p[0] == 255 && p[1] == 255 && p[2] == 255) white++;
                else Assert.Fail($"Pixel {x},{row} is neither white nor transparent.");
            }
        }
        Assert.True(white > 0 && clear > 0);
    }

    /// <summary>The image data of a PNG: every IDAT chunk joined, then inflated.</summary>
    private static byte[] Inflate(byte[] png)
    {
        using var joined = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT") joined.Write(png, at + 8, length);
            at += 12 + length;
        }
        joined.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(joined, System.IO.Compression.CompressionMode.Decompress)) z.CopyTo(inflated);
        return inflated.ToArray();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatBilling.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("ChatBilling.sln not found above the test binaries.");
    }
}
