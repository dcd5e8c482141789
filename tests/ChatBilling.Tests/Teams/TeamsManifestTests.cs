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

        Assert.Contains("/v1.17/", manifest["$schema"]!.GetValue<string>());
        Assert.True(Version.Parse(manifest["manifestVersion"]!.GetValue<string>()) >= new Version(1, 17));
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
