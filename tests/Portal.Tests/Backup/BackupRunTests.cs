using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Ops.Backup;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Backup;

/// <summary>A backup run end to end (operations.md §8.1, OPS-07/08/09/22) on the provider's populated portal.</summary>
public abstract class BackupRunTests(BackupPortal portal) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-bk-").FullName;

    private BackupRequest Manual => new("manual", portal.Users.Administrator.Id, "Teste", "web");

    [Fact]
    public async Task Run_writes_one_verified_zip_with_every_part_and_info_and_removes_the_working_folder()
    {
        var folder = Path.Combine(_root, "backups");
        var run = await portal.Service(BackupPortal.Options(folder)).RunAsync(Manual);

        Assert.Equal(BackupRunStatus.Succeeded, run.Status);
        Assert.StartsWith("Backup concluído", run.Message);
        var zip = Assert.Single(Directory.GetFiles(folder, "*.zip"));
        Assert.Equal(run.FileName, Path.GetFileName(zip));
        Assert.Equal([zip, zip + ".sha256"], Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(folder));
        using (var archive = ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName).ToList();
            foreach (var part in new[] { "database/", "files/", "keys/", "config/", "certificates/" })
                Assert.Contains(names, n => n.StartsWith(part, StringComparison.Ordinal));
            Assert.Contains("database/schema.json", names);
            Assert.Contains("files/2026/11/contrato.txt", names);
            Assert.Contains("keys/keyprotection.pfx", names);
            using var reader = new StreamReader(archive.GetEntry("info.txt")!.Open());
            var info = await reader.ReadToEndAsync();
            Assert.Contains("Data/hora (UTC):", info);
            Assert.Contains("Versão do produto:", info);
            Assert.Contains($"Servidor: {Environment.MachineName}", info);
            Assert.Contains($"Usuário do sistema: {Environment.UserName}", info);
            Assert.Contains("files/2026/11/contrato.txt", info);
        }
        var stored = await portal.App.WithDbAsync(db => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(BackupRunStatus.Succeeded, stored.Status);
        Assert.Equal(run.Sha256, BackupArchive.HashFile(zip));
        Assert.True(await portal.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "backup_run" && a.ResourceId == run.Id.ToString())));

        var report = await portal.App.Services.GetRequiredService<BackupRestore>().VerifyAsync(zip, null);
        Assert.True(report.RowCounts["Users"] > 1);
    }

    [Fact]
    public async Task Encrypted_archive_needs_its_password_and_a_wrong_one_gets_the_pt_BR_message()
    {
        var folder = Path.Combine(_root, "enc");
        var run = await portal.Service(BackupPortal.Options(folder, password: "senha-do-arquivo-123")).RunAsync(Manual);
        Assert.Equal(BackupRunStatus.Succeeded, run.Status);
        Assert.True(run.Encrypted);
        var zip = Path.Combine(folder, run.FileName!);
        var restore = portal.App.Services.GetRequiredService<BackupRestore>();

        Assert.NotEmpty((await restore.VerifyAsync(zip, "senha-do-arquivo-123")).RowCounts);
        var wrong = await Assert.ThrowsAsync<BackupException>(() => restore.VerifyAsync(zip, "outra senha"));
        Assert.Equal("Senha do arquivo de backup incorreta.", wrong.Message);
        var missing = await Assert.ThrowsAsync<BackupException>(() => restore.VerifyAsync(zip, null));
        Assert.Equal("Senha do arquivo de backup incorreta.", missing.Message);

        // Restore with the wrong password changes nothing: the target database is never created.
        var target = Path.Combine(_root, "restored.db");
        var refused = await Assert.ThrowsAsync<BackupException>(() => restore.RestoreAsync(zip, "outra senha", [BackupParts.Database],
            new Portal.Platform.Data.DatabaseProvider(Portal.Platform.Data.DatabaseKind.Sqlite, $"Data Source={target}"), overwrite: false));
        Assert.Equal("Senha do arquivo de backup incorreta.", refused.Message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task One_changed_byte_or_one_altered_file_makes_verify_fail()
    {
        var folder = Path.Combine(_root, "corrupt");
        var run = await portal.Service(BackupPortal.Options(folder)).RunAsync(Manual);
        var zip = Path.Combine(folder, run.FileName!);
        var restore = portal.App.Services.GetRequiredService<BackupRestore>();

        // A file replaced inside a valid zip: only the info.txt hash can tell.
        var altered = Path.Combine(_root, "altered.zip");
        var extracted = Path.Combine(_root, "extracted");
        BackupArchive.Verify(zip, null, extracted, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(extracted, "files", "2026", "11", "contrato.txt"), "conteúdo trocado");
        BackupArchive.Write(extracted, altered, null, CancellationToken.None);
        var mismatch = await Assert.ThrowsAsync<BackupException>(() => restore.VerifyAsync(altered, null));
        Assert.True(mismatch.Message.Contains("files/2026/11/contrato.txt", StringComparison.Ordinal), mismatch.Message + " / " + mismatch.InnerException);
        Assert.Contains("SHA-256", mismatch.Message);

        // One byte of the stored archive changed in place (bit rot, a bad copy).
        var bytes = await File.ReadAllBytesAsync(zip);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(zip, bytes);
        var corrupt = await Assert.ThrowsAsync<BackupException>(() => restore.VerifyAsync(zip, null));
        Assert.Contains("corrompido", corrupt.Message);
    }

    [Fact]
    public async Task Unwritable_folder_fails_with_pt_BR_message_leaves_nothing_and_queues_the_failure_email()
    {
        var mount = Path.Combine(_root, "ro");
        Directory.CreateDirectory(mount);
        await MountAsync("-o ro,size=1m", mount);
        try
        {
            var run = await portal.Service(BackupPortal.Options(mount, notify: ["ti@firma.com.br"])).RunAsync(Manual);
            Assert.Equal(BackupRunStatus.Failed, run.Status);
            Assert.Equal("Pasta de backup sem permissão de escrita.", run.Message);
            Assert.Empty(Directory.GetFileSystemEntries(mount));
            var stored = await portal.App.WithDbAsync(db => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id));
            Assert.Equal(BackupRunStatus.Failed, stored.Status);
            Assert.True(await portal.App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e =>
                e.Kind == "backup" && e.ToAddress == "ti@firma.com.br" && e.BodyText.Contains("Pasta de backup sem permissão de escrita."))));
        }
        finally { await UnmountAsync(mount); }
    }

    [Fact]
    public async Task Full_backup_volume_fails_with_pt_BR_message_and_no_partial_zip()
    {
        var mount = Path.Combine(_root, "tiny");
        Directory.CreateDirectory(mount);
        await MountAsync("-o size=64k", mount);
        try
        {
            var run = await portal.Service(BackupPortal.Options(mount)).RunAsync(Manual);
            Assert.Equal(BackupRunStatus.Failed, run.Status);
            Assert.Equal("Espaço em disco insuficiente no destino do backup.", run.Message);
            Assert.Empty(Directory.GetFileSystemEntries(mount));
        }
        finally { await UnmountAsync(mount); }
    }

    [Fact]
    public async Task Volume_that_fills_during_the_run_fails_as_disk_full_and_leaves_no_working_folder()
    {
        // Plenty of bytes (the free-space check passes) but almost no inodes: the volume is full at the first copies.
        var mount = Path.Combine(_root, "inodes");
        Directory.CreateDirectory(mount);
        await MountAsync("-o size=64m,nr_inodes=4", mount);
        try
        {
            var run = await portal.Service(BackupPortal.Options(mount)).RunAsync(Manual);
            Assert.Equal(BackupRunStatus.Failed, run.Status);
            Assert.Equal("Espaço em disco insuficiente no destino do backup.", run.Message);
            Assert.Empty(Directory.GetFileSystemEntries(mount));
            var stored = await portal.App.WithDbAsync(db => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id));
            Assert.Equal(BackupRunStatus.Failed, stored.Status);
            Assert.Equal("Espaço em disco insuficiente no destino do backup.", stored.Message);
        }
        finally { await UnmountAsync(mount); }
    }

    [Fact]
    public async Task Unreachable_copy_target_ends_with_warnings_and_still_keeps_the_archive()
    {
        var blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var folder = Path.Combine(_root, "main");
        var run = await portal.Service(BackupPortal.Options(folder, copyTo: Path.Combine(blocker, "nas"), notify: ["ti@firma.com.br"])).RunAsync(Manual);
        Assert.Equal(BackupRunStatus.SucceededWithWarnings, run.Status);
        Assert.Equal("Concluído com avisos", BackupRun.StatusLabel(run.Status));
        Assert.StartsWith("Falha ao copiar", run.CopyStatus);
        Assert.Single(Directory.GetFiles(folder, "*.zip"));
        Assert.True(await portal.App.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.Kind == "backup" && e.Subject.Contains("avisos"))));

        var copy = Path.Combine(_root, "nas-ok");
        var good = await portal.Service(BackupPortal.Options(Path.Combine(_root, "main2"), copyTo: copy)).RunAsync(Manual);
        Assert.Equal(BackupRunStatus.Succeeded, good.Status);
        Assert.Equal("ok", good.CopyStatus);
        Assert.Equal(good.Sha256, BackupArchive.HashFile(Path.Combine(copy, good.FileName!)));
    }

    private static async Task MountAsync(string options, string path) =>
        Assert.Equal(0, await RunAsync("mount", $"-t tmpfs {options} tmpfs {path}"));

    private static async Task UnmountAsync(string path) => await RunAsync("umount", path);

    private static async Task<int> RunAsync(string file, string args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

[Collection(BackupSqliteCollection.Name)] public sealed class BackupRunTestsSqlite(BackupSqlitePortal portal) : BackupRunTests(portal);
[Collection(BackupMySqlCollection.Name)] public sealed class BackupRunTestsMySql(BackupMySqlPortal portal) : BackupRunTests(portal);
