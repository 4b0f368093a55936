using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// HTTP-01 answers of the order in progress: in memory, and as files in certificates/acme-challenges/ so that
/// `portal cert renew` (another process) is answered by the running service too.
/// </summary>
public sealed partial class AcmeChallenges(TlsOptions options)
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private string Folder => Path.Combine(options.CertificatesFolder, "acme-challenges");

    public void Add(string token, string keyAuthorization)
    {
        if (!TokenShape().IsMatch(token)) throw new AcmeException("Token ACME com caracteres inválidos.");
        _tokens[token] = keyAuthorization;
        try { CertificateFiles.WriteAtomic(Path.Combine(Folder, token), System.Text.Encoding.ASCII.GetBytes(keyAuthorization)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { } // the in-memory answer still serves this process
    }

    public void Remove(string token)
    {
        _tokens.TryRemove(token, out _);
        if (!TokenShape().IsMatch(token)) return;
        try { File.Delete(Path.Combine(Folder, token)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Only base64url tokens are looked up, so a request can never name another file.</summary>
    public string? Find(string token)
    {
        if (!TokenShape().IsMatch(token)) return null;
        if (_tokens.TryGetValue(token, out var value)) return value;
        var file = Path.Combine(Folder, token);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex TokenShape();
}
