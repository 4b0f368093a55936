using Portal.Tests.Infrastructure;

namespace Portal.Tests.Backup;

/// <summary>`portal backup …` as an operator runs it (the built executable, its exit code and pt-BR output).</summary>
public sealed class BackupCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("portal-cli-bk-").FullName;

    [Fact]
    public async Task Unreachable_MariaDB_during_backup_fails_with_pt_BR_message_and_leaves_no_archive()
    {
        var backups = Path.Combine(_data, "backups");
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var result = await PortalProcess.RunAsync(_data,
            ["backup", "run", "--Database:Provider=MySql", "--Database:ConnectionString=Server=127.0.0.1;Port=9;Database=portal;User ID=portal;Password=x;Connection Timeout=3",
             $"--Backup:Path={backups}", "--Jobs:Enabled=false"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Banco de dados inacessível durante o backup.", result.Output);
        Assert.True(!Directory.Exists(backups) || Directory.GetFileSystemEntries(backups).Length == 0, "nada deveria ter sido gravado");
    }

    [Fact]
    public async Task Backup_run_then_verify_on_SQLite_prints_row_counts_and_a_corrupted_copy_fails()
    {
        Assert.Equal(0, (await PortalProcess.RunAsync(_data, ["migrate"])).ExitCode);
        var run = await PortalProcess.RunAsync(_data, ["backup", "run", "--Backup:ArchivePassword=senha-cli-123"]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Concluído: Backup concluído", run.Output);
        var zip = Assert.Single(Directory.GetFiles(Path.Combine(_data, "backups"), "*.zip"));

        var verify = await PortalProcess.RunAsync(_data, ["backup", "verify", zip, "--password", "senha-cli-123"]);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("Arquivo íntegro", verify.Output);
        Assert.Contains("Users:", verify.Output);

        var wrong = await PortalProcess.RunAsync(_data, ["backup", "verify", zip, "--password", "errada"]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Senha do arquivo de backup incorreta.", wrong.Output);

        var bytes = await File.ReadAllBytesAsync(zip);
        bytes[bytes.Length / 3] ^= 0xFF;
        await File.WriteAllBytesAsync(zip, bytes);
        var bad = await PortalProcess.RunAsync(_data, ["backup", "verify", zip, "--password", "senha-cli-123"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("corrompido", bad.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
