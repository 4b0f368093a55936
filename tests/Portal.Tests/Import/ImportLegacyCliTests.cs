using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Import;

/// <summary>`portal import-legacy` as a separate process on a fresh SQLite portal: usage errors, a dry run that writes
/// nothing, then the real run with progress on the console and the report on stdout.</summary>
public sealed class ImportLegacyCliTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("portal-cli-import-").FullName;
    private LegacySourceDatabase _source = null!;
    private string _uploads = "";

    public async Task InitializeAsync()
    {
        _source = await LegacySourceDatabase.CreateAsync(DatabaseKind.Sqlite);
        _uploads = Path.Combine(_dataPath, "uploads-original");
        await LegacyTestData.FillAsync(_source, _uploads);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        try { Directory.Delete(_dataPath, true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task Dry_run_then_import_from_the_console()
    {
        var usage = await PortalProcess.RunAsync(_dataPath, ["import-legacy"]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Informe --source", usage.Output, StringComparison.Ordinal);

        var noAdmin = await PortalProcess.RunAsync(_dataPath, ["import-legacy", "--source", _source.ConnectionString, "--dry-run"]);
        Assert.Equal(1, noAdmin.ExitCode);
        Assert.Contains("Crie antes um administrador", noAdmin.Output, StringComparison.Ordinal);

        var admin = await PortalProcess.RunAsync(_dataPath, ["create-admin", "--email", "admin@cli.local", "--name", "Admin CLI", "--password", "uma senha longa de teste 42"]);
        Assert.Equal(0, admin.ExitCode);

        var dry = await PortalProcess.RunAsync(_dataPath,
            ["import-legacy", "--source", _source.ConnectionString, "--uploads", _uploads, "--legacy-key", LegacyTestData.LegacyKey, "--dry-run"]);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("simulação (nada gravado)", dry.Output, StringComparison.Ordinal);
        Assert.Contains("tarefas: 5/5", dry.Output, StringComparison.Ordinal); // progress

        var run = await PortalProcess.RunAsync(_dataPath,
            ["import-legacy", "--source", _source.ConnectionString, "--uploads", _uploads, "--legacy-key", LegacyTestData.LegacyKey]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Importação concluída", run.Output, StringComparison.Ordinal);
        foreach (var secret in LegacyTestData.Secrets) Assert.DoesNotContain(secret, dry.Output + run.Output, StringComparison.Ordinal);

        var again = await PortalProcess.RunAsync(_dataPath, ["import-legacy", "--source", _source.ConnectionString, "--uploads", _uploads]);
        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"tasks → tarefas\s+5\s+0\s+0\s+5", again.Output);
    }
}
