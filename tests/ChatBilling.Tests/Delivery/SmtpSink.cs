using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ChatBilling.Tests.Delivery;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd running smtp_sink.py, which stores each accepted message
/// as a file. Started on a free port chosen by the server itself, and killed on dispose.
/// Free of test-framework types, so the delivery benchmark can link this file too.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // Debian's python3-aiosmtpd is installed for the system interpreter; a python3 found first on PATH may lack it.
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly Process process;
    private readonly ConcurrentQueue<string> errors;

    private SmtpSink(Process process, ConcurrentQueue<string> errors, string folder, int port)
    {
        this.process = process;
        this.errors = errors;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }
    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("chatbilling-smtp-").FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "smtp_sink.py");
        var process = Process.Start(new ProcessStartInfo(Python, [script, folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginErrorReadLine();

        // The server prints its port once it listens; waiting for that line replaces any guess of how long start-up takes.
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line)
            if (line.StartsWith("READY ", StringComparison.Ordinal))
                return new SmtpSink(process, errors, folder, int.Parse(line["READY ".Length..]));

        await process.WaitForExitAsync();
        throw new InvalidOperationException($"smtp_sink.py exited with {process.ExitCode}: {string.Join('\n', errors)}");
    }

    /// <summary>Every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        Directory.GetFiles(Folder, "*.eml").Order().Select(path => MimeMessage.Load(path)).ToList();

    public int ReceivedCount => Directory.GetFiles(Folder, "*.eml").Length;

    /// <summary>A loopback port nobody listens on: connecting to it is refused, like a mail server that is down.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
