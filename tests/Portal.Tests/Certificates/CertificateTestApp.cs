using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Certificates;

/// <summary>Records what the certificate code publishes (routing to system.health holders is the rules' business).</summary>
public sealed class RecordingPublisher : INotificationPublisher
{
    public ConcurrentQueue<NotificationEvent> Events { get; } = new();

    public Task<int> PublishAsync(NotificationEvent notificationEvent, CancellationToken ct = default)
    {
        // Same dedup rule as the real publisher: one notification per (type, key).
        if (Events.Any(e => e.EventType == notificationEvent.EventType && e.EventKey == notificationEvent.EventKey)) return Task.FromResult(0);
        Events.Enqueue(notificationEvent);
        return Task.FromResult(1);
    }

    public Task RemoveForSourcesAsync(string sourceType, IReadOnlyCollection<long> sourceIds, CancellationToken ct = default) => Task.CompletedTask;

    public IReadOnlyList<NotificationEvent> Of(string type) => Events.Where(e => e.EventType == type).ToList();
}

/// <summary>A portal with its own certificate folder (cert.pem/key.pem, a test CA as trusted root) and a recording publisher.</summary>
public sealed class CertificateTestApp : IAsyncDisposable
{
    public required PortalApp App { get; init; }
    public required string Folder { get; init; }
    public required TestCertificates.Authority Authority { get; init; }
    public required RecordingPublisher Published { get; init; }

    public string CertPath => Path.Combine(Folder, "fullchain.pem");
    public string KeyPath => Path.Combine(Folder, "privkey.pem");
    public string RootsPath => Path.Combine(Folder, "roots.pem");
    public Uri Https => App.Addresses.Single(u => u.Scheme == "https");
    public Uri Http => App.Addresses.Single(u => u.Scheme == "http");

    public static async Task<CertificateTestApp> StartAsync(DatabaseKind provider, bool kestrel, double days, Action<string, Dictionary<string, string?>>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("portal-cert-").FullName;
        var authority = new TestCertificates.Authority();
        File.WriteAllText(Path.Combine(folder, "roots.pem"), authority.Pem);
        TestCertificates.Write(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), authority.Issue(days));
        var settings = new Dictionary<string, string?>
        {
            ["Tls:Mode"] = kestrel ? "Kestrel" : "None",
            ["Tls:ListenAddress"] = "127.0.0.1",
            ["Tls:HttpsPort"] = "0",
            ["Tls:HttpPort"] = "0",
            ["Tls:HostNames"] = TestCertificates.Host,
            ["Tls:CertificatePath"] = Path.Combine(folder, "fullchain.pem"),
            ["Tls:KeyPath"] = Path.Combine(folder, "privkey.pem"),
            ["Tls:TrustedRootsPath"] = Path.Combine(folder, "roots.pem"),
            ["Tls:NotifyEmails"] = "ti@escritorio.test",
            ["Tls:SelfTestSeconds"] = "10",
            ["Jobs:Enabled"] = "false",
        };
        configure?.Invoke(folder, settings);
        var publisher = new RecordingPublisher();
        var app = await PortalApp.StartAsync(provider, settings, s => s.AddSingleton<INotificationPublisher>(publisher));
        return new CertificateTestApp { App = app, Folder = folder, Authority = authority, Published = publisher };
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Authority.Dispose();
        try { Directory.Delete(Folder, true); }
        catch (IOException) { }
    }
}
