using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// Reading, writing (temporary file then rename), keeping and restoring the configured certificate files
/// (operations.md §5.3 steps 2, 6 and 8). PEM: fullchain in CertificatePath, key in KeyPath (or in the same file);
/// PFX: one file with the password of Tls:CertificatePassword.
/// </summary>
public sealed class CertificateFiles(TlsOptions options)
{
    public TlsOptions Options => options;

    public bool Exist => options.CertificatePath is { } c && File.Exists(c) && (options.IsPfx || options.KeyPath is null || File.Exists(options.KeyPath));

    /// <summary>The configured files as served: leaf with key + intermediates. Throws on missing/invalid files.</summary>
    public ServedCertificate Load()
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("Tls:CertificatePath não configurado.");
        if (options.IsPfx)
        {
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.Password, X509KeyStorageFlags.Exportable);
            var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new CryptographicException("O arquivo PFX não contém a chave privada.");
            var rest = new X509Certificate2Collection();
            foreach (var c in all) if (!ReferenceEquals(c, leaf)) rest.Add(c);
            AddChainFile(rest);
            return new ServedCertificate(Exportable(leaf), rest);
        }
        return FromPem(File.ReadAllText(path), File.ReadAllText(options.KeyPath ?? path), ChainFileText());
    }

    /// <summary>Only the leaf certificate, no key (monitoring reads files it may not be able to use).</summary>
    public X509Certificate2 LoadPublic()
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("Tls:CertificatePath não configurado.");
        return options.IsPfx ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password) : X509CertificateLoader.LoadCertificateFromFile(path);
    }

    public static ServedCertificate FromPem(string chainPem, string keyPem, string? extraChainPem = null)
    {
        // CreateFromPem refuses a key that does not belong to the first certificate.
        using var withKey = X509Certificate2.CreateFromPem(chainPem, keyPem);
        var all = new X509Certificate2Collection();
        all.ImportFromPem(chainPem);
        var rest = new X509Certificate2Collection();
        foreach (var c in all.Skip(1)) rest.Add(c);
        if (extraChainPem is not null) rest.ImportFromPem(extraChainPem);
        all[0].Dispose();
        return new ServedCertificate(Exportable(withKey), rest);
    }

    /// <summary>
    /// Keys from PEM are ephemeral; Windows' TLS stack needs a persisted one, so the certificate goes through PKCS#12
    /// once (harmless on Linux).
    /// </summary>
    private static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    private string? ChainFileText() => options.ChainPath is { } p && File.Exists(p) ? File.ReadAllText(p) : null;

    private void AddChainFile(X509Certificate2Collection rest)
    {
        if (ChainFileText() is { } pem) rest.ImportFromPem(pem);
    }

    public IEnumerable<string> ConfiguredFiles()
    {
        foreach (var f in new[] { options.CertificatePath, options.KeyPath, options.ChainPath })
            if (f is not null && File.Exists(f)) yield return f;
    }

    /// <summary>Step 2: copies the current files into previous/&lt;timestamp&gt;/ and returns that folder.</summary>
    public string KeepPrevious(DateTime utcNow)
    {
        var folder = Path.Combine(options.PreviousFolder, utcNow.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture));
        for (var i = 1; Directory.Exists(folder); i++) folder = Path.Combine(options.PreviousFolder, utcNow.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture) + "-" + i);
        Directory.CreateDirectory(folder);
        var manifest = new StringBuilder();
        foreach (var file in ConfiguredFiles())
        {
            var name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(folder, name));
            manifest.AppendLine(CultureInfo.InvariantCulture, $"{name}\t{file}");
        }
        File.WriteAllText(Path.Combine(folder, "files.txt"), manifest.ToString());
        return folder;
    }

    /// <summary>Step 8: puts back the files kept by <see cref="KeepPrevious"/> (each by temporary file and rename).</summary>
    public void Restore(string previousFolder)
    {
        var manifest = Path.Combine(previousFolder, "files.txt");
        if (!File.Exists(manifest)) return;
        // Key before certificate: a watcher reloading in between sees a certificate/key pair that does not match
        // and keeps serving what it has, instead of a new certificate without its key.
        var lines = File.ReadAllLines(manifest).Select(l => l.Split('\t')).Where(p => p.Length == 2)
            .OrderBy(p => p[1] == options.CertificatePath ? 1 : 0).ToList();
        foreach (var parts in lines) WriteAtomic(parts[1], File.ReadAllBytes(Path.Combine(previousFolder, parts[0])));
    }

    /// <summary>Step 6 for the built-in ACME client: key first, then the certificate (see <see cref="Restore"/>).</summary>
    public void Write(string fullChainPem, string keyPem)
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("Tls:CertificatePath não configurado.");
        if (options.IsPfx)
        {
            using var served = FromPem(fullChainPem, keyPem);
            var collection = new X509Certificate2Collection { served.Leaf };
            collection.AddRange(served.Intermediates);
            WriteAtomic(path, collection.Export(X509ContentType.Pkcs12, options.Password)!);
            return;
        }
        if (options.KeyPath is { } keyPath && keyPath != path)
        {
            WriteAtomic(keyPath, Encoding.ASCII.GetBytes(keyPem));
            WriteAtomic(path, Encoding.ASCII.GetBytes(fullChainPem));
        }
        else WriteAtomic(path, Encoding.ASCII.GetBytes(fullChainPem + keyPem));
    }

    public static void WriteAtomic(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows() && Path.GetFileName(path).Contains("key", StringComparison.OrdinalIgnoreCase))
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
