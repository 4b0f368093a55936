using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Email;

/// <summary>
/// A tiny SMTP server on a loopback port (no TLS, no auth): refuses the first <see cref="RefuseFirst"/> connections
/// with a 554 greeting, accepts the rest and keeps what it received.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    public sealed record Received(string From, IReadOnlyList<string> To, string Data);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public FakeSmtpServer(int refuseFirst = 0)
    {
        RefuseFirst = refuseFirst;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }
    public int RefuseFirst { get; set; }
    public int Connections => Volatile.Read(ref _connections);
    public ConcurrentQueue<Received> Messages { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var n = Interlocked.Increment(ref _connections);
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            if (n <= RefuseFirst)
            {
                await writer.WriteLineAsync("554 5.3.2 Servidor de teste recusando conexões");
                return;
            }
            await writer.WriteLineAsync("220 fake.local ESMTP");
            string from = "";
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-fake.local");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO": await writer.WriteLineAsync("250 fake.local"); break;
                    case "MAIL":
                        from = line;
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 Fim com <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } d && d != ".") data.AppendLine(d);
                        Messages.Enqueue(new Received(from, [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 2.0.0 Aceito");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Tchau");
                        return;
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    default: await writer.WriteLineAsync("502 5.5.2 Comando desconhecido"); break;
                }
            }
        }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
