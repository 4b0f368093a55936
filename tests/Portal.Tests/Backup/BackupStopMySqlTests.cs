using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portal.Platform.Data;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Backup;

/// <summary>
/// OPS-22 "MariaDB stopped mid-run": the dump reads MariaDB through a loopback relay that goes away after part of the
/// data has passed — to the portal, exactly a database server that stopped during the export.
/// </summary>
[Collection(BackupMySqlCollection.Name)]
public sealed class BackupStopMySqlTests(BackupMySqlPortal portal) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-bk-stop-").FullName;

    [Fact]
    public async Task MariaDB_stopping_during_the_dump_fails_with_pt_BR_message_and_leaves_nothing()
    {
        var direct = new MySqlConnectionStringBuilder(portal.App.Services.GetRequiredService<DatabaseProvider>().ConnectionString);
        await using var relay = new DyingRelay(direct.Server, (int)direct.Port, stopAfterBytes: 24 * 1024);
        var viaRelay = new MySqlConnectionStringBuilder(direct.ConnectionString) { Server = "127.0.0.1", Port = (uint)relay.Port, Pooling = false };
        var service = ActivatorUtilities.CreateInstance<BackupService>(portal.App.Services,
            BackupPortal.Options(_root), new DatabaseProvider(DatabaseKind.MySql, viaRelay.ConnectionString));

        var run = await service.RunAsync(new BackupRequest("manual", null, "Teste", "web"));

        Assert.True(relay.Stopped, "the relay should have stopped mid-dump");
        Assert.Equal(BackupRunStatus.Failed, run.Status);
        Assert.Equal("Banco de dados inacessível durante o backup.", run.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
        var stored = await portal.App.WithDbAsync(db => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(BackupRunStatus.Failed, stored.Status);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Forwards TCP to MariaDB; once the server has sent <c>stopAfterBytes</c> in total, it closes every
    /// connection and refuses new ones.</summary>
    private sealed class DyingRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _clients = [];
        private readonly string _host;
        private readonly int _port;
        private readonly long _limit;
        private long _sent;

        public DyingRelay(string host, int port, long stopAfterBytes)
        {
            (_host, _port, _limit) = (host, port, stopAfterBytes);
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public bool Stopped => _stop.IsCancellationRequested;

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var server = new TcpClient();
                    await server.ConnectAsync(_host, _port, _stop.Token);
                    lock (_clients) _clients.AddRange([client, server]);
                    _ = PumpAsync(client.GetStream(), server.GetStream(), count: false);
                    _ = PumpAsync(server.GetStream(), client.GetStream(), count: true);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to, bool count)
        {
            var buffer = new byte[4096];
            try
            {
                while (await from.ReadAsync(buffer, _stop.Token) is var read and > 0)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    if (count && Interlocked.Add(ref _sent, read) >= _limit) Stop();
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException) { }
        }

        private void Stop()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients) foreach (var c in _clients) c.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) Stop();
            _stop.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
