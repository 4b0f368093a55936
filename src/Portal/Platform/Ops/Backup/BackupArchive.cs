using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ICSharpCode.SharpZipLib.Zip;

namespace Portal.Platform.Ops.Backup;

/// <summary>One file of the archive as listed in info.txt.</summary>
public sealed record ManifestEntry(string Path, long Size, string Sha256);

/// <summary>
/// The backup zip (operations.md §8.1 steps 8–9): a working folder plus an <c>info.txt</c> whose last section lists
/// every file with its size and SHA-256, compressed with SharpZipLib (AES-256 per entry when a password is set).
/// Reading verifies every entry against that list, so a single changed byte is reported.
/// </summary>
public static class BackupArchive
{
    public const string InfoFile = "info.txt";
    public const string HashesHeader = "Arquivos (SHA-256, tamanho, caminho):";

    /// <summary>
    /// The archive's own SHA-256 beside it (sha256sum format). info.txt covers every file's content; this covers every
    /// byte of the zip, headers included, so any change to a stored archive is caught.
    /// </summary>
    public static string ChecksumFile(string zipPath) => zipPath + ".sha256";

    public static void WriteChecksum(string zipPath, string sha256) =>
        File.WriteAllText(ChecksumFile(zipPath), $"{sha256}  {Path.GetFileName(zipPath)}\n");

    public static List<ManifestEntry> HashFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .Where(f => f.Relative != InfoFile)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new ManifestEntry(f.Relative, new FileInfo(f.Full).Length, HashFile(f.Full)))
            .ToList();

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string ManifestText(IEnumerable<string> headerLines, IReadOnlyList<ManifestEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var line in headerLines) text.Append(line).Append('\n');
        text.Append('\n').Append(HashesHeader).Append('\n');
        foreach (var e in entries) text.Append(CultureInfo.InvariantCulture, $"{e.Sha256}  {e.Size}  {e.Path}\n");
        return text.ToString();
    }

    public static List<ManifestEntry> ParseManifest(string text)
    {
        var start = text.IndexOf(HashesHeader, StringComparison.Ordinal);
        if (start < 0) throw new BackupException("Arquivo de backup inválido: info.txt sem a lista de arquivos.");
        var list = new List<ManifestEntry>();
        foreach (var line in text[(start + HashesHeader.Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 3);
            if (parts.Length != 3 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var size))
                throw new BackupException("Arquivo de backup corrompido: info.txt com linha inválida.");
            list.Add(new ManifestEntry(parts[2], size, parts[0]));
        }
        return list;
    }

    /// <summary>Compresses the folder (info.txt first) into <paramref name="zipPath"/>.</summary>
    public static void Write(string folder, string zipPath, string? password, CancellationToken ct)
    {
        using var output = new ZipOutputStream(File.Create(zipPath));
        output.SetLevel(6);
        output.UseZip64 = UseZip64.Dynamic;
        if (password is not null) output.Password = password;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative == InfoFile ? 0 : 1).ThenBy(f => f.Relative, StringComparer.Ordinal);
        // Every part appears even when empty (e.g. no certificates configured), so the archive shows what was included.
        foreach (var part in Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            output.PutNextEntry(new ZipEntry(part + "/"));
            output.CloseEntry();
        }
        foreach (var (full, relative) in files)
        {
            ct.ThrowIfCancellationRequested();
            var entry = new ZipEntry(relative) { DateTime = File.GetLastWriteTime(full), Size = new FileInfo(full).Length };
            if (password is not null) entry.AESKeySize = 256;
            output.PutNextEntry(entry);
            using (var input = File.OpenRead(full)) input.CopyTo(output);
            output.CloseEntry();
        }
        output.Finish();
    }

    /// <summary>
    /// Reads the archive, checks every entry against info.txt (and nothing missing or extra) and, when
    /// <paramref name="extractTo"/> is given, extracts it there. Returns info.txt's text.
    /// </summary>
    public static string Verify(string zipPath, string? password, string? extractTo, CancellationToken ct)
    {
        if (!File.Exists(zipPath)) throw new BackupException($"Arquivo de backup não encontrado: {zipPath}");
        if (File.Exists(ChecksumFile(zipPath)))
        {
            var expected = File.ReadAllText(ChecksumFile(zipPath)).Split(' ', 2)[0].Trim();
            if (!string.Equals(expected, HashFile(zipPath), StringComparison.OrdinalIgnoreCase))
                throw new BackupException($"Arquivo de backup corrompido: o SHA-256 do arquivo não confere com {Path.GetFileName(ChecksumFile(zipPath))}.");
        }
        try
        {
            using var zip = new ZipFile(zipPath);
            if (password is not null) zip.Password = password;
            // Local headers must agree with the central directory (data is checked below, entry by entry).
            if (!zip.TestArchive(false, TestStrategy.FindFirstError, null))
                throw new BackupException("Arquivo de backup corrompido: cabeçalhos do zip inconsistentes.");
            var info = zip.GetEntry(InfoFile) ?? throw new BackupException("Arquivo de backup inválido: info.txt ausente.");
            string infoText;
            using (var reader = new StreamReader(zip.GetInputStream(info), Encoding.UTF8)) infoText = reader.ReadToEnd();
            var expected = ParseManifest(infoText).ToDictionary(e => e.Path, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (ZipEntry entry in zip)
            {
                ct.ThrowIfCancellationRequested();
                if (!entry.IsFile || entry.Name == InfoFile) continue;
                if (!expected.TryGetValue(entry.Name, out var listed))
                    throw new BackupException($"Arquivo de backup corrompido: {entry.Name} não consta do info.txt.");
                if (entry.Name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(entry.Name))
                    throw new BackupException($"Arquivo de backup inválido: caminho {entry.Name} não permitido.");
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                Stream? target = null;
                if (extractTo is not null)
                {
                    var path = Path.Combine(extractTo, entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    target = File.Create(path);
                }
                long size = 0;
                using (target)
                using (var input = zip.GetInputStream(entry))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        target?.Write(buffer, 0, read);
                        size += read;
                    }
                }
                if (size != listed.Size || Convert.ToHexStringLower(hash.GetHashAndReset()) != listed.Sha256)
                    throw new BackupException($"Arquivo de backup corrompido: o conteúdo de {entry.Name} não confere com o info.txt (SHA-256).");
                seen.Add(entry.Name);
            }
            if (expected.Keys.FirstOrDefault(k => !seen.Contains(k)) is { } missing)
                throw new BackupException($"Arquivo de backup corrompido: {missing} ausente.");
            if (extractTo is not null) File.WriteAllText(Path.Combine(extractTo, InfoFile), infoText);
            return infoText;
        }
        catch (ZipException ex) when (IsPasswordProblem(ex))
        {
            throw new BackupException(BackupException.WrongPassword, ex);
        }
        catch (Exception ex) when (ex is ZipException or InvalidDataException or EndOfStreamException
            or ICSharpCode.SharpZipLib.SharpZipBaseException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new BackupException($"Arquivo de backup corrompido ou ilegível: {ex.Message}", ex);
        }
    }

    private static bool IsPasswordProblem(ZipException ex) =>
        ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase);
}
