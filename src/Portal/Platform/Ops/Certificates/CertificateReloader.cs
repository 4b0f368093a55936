using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// The certificate Kestrel presents (Kestrel mode, ADR-016): one swappable TLS context, reloaded when the files
/// change (file watcher, plus a poll for file systems whose events get lost) or when renewal asks. A file set that
/// does not load keeps the current certificate in service. With no file yet (first ACME issuance) a temporary
/// self-signed certificate lets HTTPS start.
/// </summary>
public sealed class CertificateReloader : IDisposable
{
    private readonly CertificateFiles _files;
    private readonly ILogger<CertificateReloader> _log;
    private readonly Lock _lock = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _poll;
    private Timer? _debounce;
    private (SslStreamCertificateContext Context, ServedCertificate Certificate) _current;
    private string _stamp = "";

    public CertificateReloader(CertificateFiles files, ILogger<CertificateReloader> log)
    {
        _files = files;
        _log = log;
        _current = LoadOrTemporary();
        _stamp = Stamp();
        Watch();
        _poll = new Timer(_ => { if (Stamp() != _stamp) Reload(); }, null, files.Options.PollInterval, files.Options.PollInterval);
    }

    public X509Certificate2 Current => _current.Certificate.Leaf;

    /// <summary>True while the temporary self-signed certificate is served (no certificate files yet).</summary>
    public bool IsTemporary { get; private set; }

    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = _current.Context,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
    };

    /// <summary>Loads the files again; false (and the old certificate kept) when they do not load.</summary>
    public bool Reload()
    {
        lock (_lock)
        {
            _stamp = Stamp();
            if (!_files.Exist) return false;
            try
            {
                var loaded = _files.Load();
                if (loaded.Leaf.Thumbprint == _current.Certificate.Leaf.Thumbprint && !IsTemporary)
                {
                    loaded.Dispose();
                    return true;
                }
                var context = SslStreamCertificateContext.Create(loaded.Leaf, loaded.Intermediates, offline: true);
                // The old certificate is not disposed: handshakes in flight may still use it.
                _current = (context, loaded);
                IsTemporary = false;
                _log.LogInformation("Certificado TLS carregado: {Subject}, válido até {NotAfter:dd/MM/yyyy}, impressão digital {Thumbprint}",
                    loaded.Leaf.Subject, loaded.Leaf.NotAfter, loaded.Leaf.Thumbprint);
                return true;
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                _log.LogWarning("Arquivos do certificado não carregaram ({Reason}); o certificado atual continua em uso.", ex.Message);
                return false;
            }
        }
    }

    private (SslStreamCertificateContext, ServedCertificate) LoadOrTemporary()
    {
        if (_files.Exist)
        {
            try
            {
                var loaded = _files.Load();
                _log.LogInformation("Certificado TLS: {Subject}, válido até {NotAfter:dd/MM/yyyy}", loaded.Leaf.Subject, loaded.Leaf.NotAfter);
                return (SslStreamCertificateContext.Create(loaded.Leaf, loaded.Intermediates, offline: true), loaded);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                _log.LogError("Certificado de {Path} inválido ({Reason}); usando um certificado temporário autoassinado.", _files.Options.CertificatePath, ex.Message);
            }
        }
        else _log.LogWarning("Certificado {Path} não encontrado; usando um certificado temporário autoassinado até a emissão.", _files.Options.CertificatePath);
        IsTemporary = true;
        var temporary = new ServedCertificate(SelfSigned(_files.Options.PrimaryHost ?? "localhost"), []);
        return (SslStreamCertificateContext.Create(temporary.Leaf, null, offline: true), temporary);
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private void Watch()
    {
        var folders = _files.Options is var o ? new[] { o.CertificatePath, o.KeyPath, o.ChainPath } : [];
        foreach (var folder in folders.Where(f => f is not null).Select(f => Path.GetDirectoryName(f)!).Distinct())
        {
            try
            {
                Directory.CreateDirectory(folder);
                var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
                watcher.Changed += (_, _) => Soon();
                watcher.Created += (_, _) => Soon();
                watcher.Renamed += (_, _) => Soon();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                _log.LogWarning("Sem observação da pasta {Folder} ({Reason}); a troca do certificado é percebida pela verificação periódica.", folder, ex.Message);
            }
        }
    }

    /// <summary>Writers touch the files several times (key, then certificate): reload once things settle.</summary>
    private void Soon()
    {
        lock (_lock)
        {
            _debounce?.Dispose();
            _debounce = new Timer(_ => Reload(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        }
    }

    private string Stamp() => string.Join("|", _files.ConfiguredFiles().Select(f =>
    {
        var info = new FileInfo(f);
        return $"{info.LastWriteTimeUtc.Ticks}:{info.Length}";
    }));

    public void Dispose()
    {
        _poll.Dispose();
        _debounce?.Dispose();
        foreach (var w in _watchers) w.Dispose();
    }
}
