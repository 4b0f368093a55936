using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Certificates;

/// <summary>The Tls:* settings of operations.md §2 and §5, paths resolved against the data folder.</summary>
public sealed class TlsOptions
{
    public const string LetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";

    public TlsMode Mode { get; init; }
    /// <summary>PEM (fullchain) or PFX. In Kestrel mode defaults to &lt;DataPath&gt;/certificates/fullchain.pem.</summary>
    public string? CertificatePath { get; init; }
    /// <summary>PEM private key; null = key inside the certificate file (PFX, or a combined PEM).</summary>
    public string? KeyPath { get; init; }
    public string? ChainPath { get; init; }
    public string? Password { get; init; }
    public IReadOnlyList<string> HostNames { get; init; } = [];
    public int RenewBeforeDays { get; init; } = 30;
    public string? AcmeEmail { get; init; }
    public string AcmeDirectoryUrl { get; init; } = LetsEncrypt;
    /// <summary>Built-in ACME client on (Kestrel mode, unless Tls:Acme:Enabled=false or a RenewCommand is set).</summary>
    public bool AcmeEnabled { get; init; }
    /// <summary>Extra CA (PEM) trusted for the ACME server's own HTTPS only: private/test CAs (pebble).</summary>
    public string? AcmeServerCaPath { get; init; }
    public string? RenewCommand { get; init; }
    public string? ReloadCommand { get; init; }
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Roots (PEM) that replace the system store when verifying a new chain (private CAs, tests).</summary>
    public string? TrustedRootsPath { get; init; }
    public string ListenAddress { get; init; } = "*";
    public int HttpsPort { get; init; } = 443;
    /// <summary>The redirect/ACME HTTP port; -1 = no HTTP endpoint.</summary>
    public int HttpPort { get; init; } = 80;
    public Uri? PublicUrl { get; init; }
    /// <summary>Where the self-test connects (default: PublicUrl; in Kestrel mode the local HTTPS endpoint).</summary>
    public Uri? SelfTestUrl { get; init; }
    public TimeSpan SelfTestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);
    public IReadOnlyList<string> NotifyEmails { get; init; } = [];
    public required string CertificatesFolder { get; init; }

    public string PreviousFolder => Path.Combine(CertificatesFolder, "previous");
    public bool IsPfx => CertificatePath is { } p && (p.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));
    public bool CanRenew => RenewCommand is not null || AcmeEnabled;
    public string Method => RenewCommand is not null ? "comando" : AcmeEnabled ? "acme" : "nenhum";

    /// <summary>Host name the certificate must present (SNI of the self-test, first SAN checked).</summary>
    public string? PrimaryHost => HostNames.Count > 0 ? HostNames[0] : PublicUrl?.Host;

    public static TlsOptions FromConfiguration(IConfiguration config, IHostEnvironment environment, PortalPaths paths)
    {
        var mode = config.GetTlsMode(environment);
        var folder = Path.Combine(paths.DataPath, "certificates");
        string? Resolve(string key) => config[key] is { Length: > 0 } v ? Path.GetFullPath(v, paths.DataPath) : null;
        var certificate = Resolve("Tls:CertificatePath");
        var key = Resolve("Tls:KeyPath");
        if (certificate is null && mode == TlsMode.Kestrel)
        {
            certificate = Path.Combine(folder, "fullchain.pem");
            key = Path.Combine(folder, "privkey.pem");
        }
        var publicUrl = Uri.TryCreate(config["Portal:PublicUrl"], UriKind.Absolute, out var u) ? u : null;
        // "a.com, b.com" or a JSON array in portal.settings.json.
        var hosts = config["Tls:HostNames"] is { } text ? List(text)
            : config.GetSection("Tls:HostNames").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToList();
        if (hosts.Count == 0 && publicUrl is not null && publicUrl.HostNameType == UriHostNameType.Dns) hosts = [publicUrl.Host];
        var renew = config["Tls:RenewCommand"] is { Length: > 0 } r ? r : null;
        var notify = List(config["Tls:NotifyEmails"]);
        return new TlsOptions
        {
            Mode = mode,
            CertificatePath = certificate,
            KeyPath = key,
            ChainPath = Resolve("Tls:ChainPath"),
            Password = config["Tls:CertificatePassword"] is { Length: > 0 } p ? p : null,
            HostNames = hosts,
            RenewBeforeDays = config.GetValue("Tls:RenewBeforeDays", 30),
            AcmeEmail = config["Tls:Acme:Email"] is { Length: > 0 } e ? e : null,
            AcmeDirectoryUrl = config["Tls:Acme:DirectoryUrl"] is { Length: > 0 } d ? d : LetsEncrypt,
            AcmeEnabled = mode == TlsMode.Kestrel && renew is null && config.GetValue("Tls:Acme:Enabled", true) && hosts.Count > 0,
            AcmeServerCaPath = Resolve("Tls:Acme:ServerCaPath"),
            RenewCommand = renew,
            ReloadCommand = config["Tls:ReloadCommand"] is { Length: > 0 } rc ? rc : null,
            CommandTimeout = TimeSpan.FromSeconds(config.GetValue("Tls:CommandTimeoutSeconds", 300)),
            TrustedRootsPath = Resolve("Tls:TrustedRootsPath"),
            ListenAddress = config["Tls:ListenAddress"] is { Length: > 0 } a ? a : "*",
            HttpsPort = config.GetValue("Tls:HttpsPort", 443),
            HttpPort = config.GetValue("Tls:HttpPort", 80),
            PublicUrl = publicUrl,
            SelfTestUrl = Uri.TryCreate(config["Tls:SelfTestUrl"], UriKind.Absolute, out var s) ? s : null,
            SelfTestTimeout = TimeSpan.FromSeconds(config.GetValue("Tls:SelfTestSeconds", 60)),
            PollInterval = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Tls:PollSeconds", 15))),
            NotifyEmails = notify.Count > 0 ? notify : List(config["Backup:NotifyEmails"]),
            CertificatesFolder = folder,
        };
    }

    private static List<string> List(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
