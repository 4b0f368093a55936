using MySqlConnector;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Doctor;

/// <summary>`portal doctor --sintoma …` and `portal keys rotate` as an operator runs them (the real executable).</summary>
public abstract class DoctorCliTests(DatabaseKind provider) : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("portal-doccli-").FullName;
    private string? _mySqlDatabase;
    private readonly List<string> _database = [];

    public async Task InitializeAsync()
    {
        if (provider != DatabaseKind.MySql) return;
        _mySqlDatabase = "portal_c" + Guid.NewGuid().ToString("N")[..12];
        _database.Add("--Database:Provider=MySql");
        _database.Add($"--Database:ConnectionString={PortalApp.MySqlServer}Database={_mySqlDatabase};");
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
        if (_mySqlDatabase is null) return;
        await using var connection = new MySqlConnection(PortalApp.MySqlServer);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{_mySqlDatabase}`", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Doctor_with_a_symptom_prints_the_general_checks_and_that_group_only()
    {
        Assert.Equal(0, (await PortalProcess.RunAsync(_dataPath, ["migrate", .. _database])).ExitCode);
        var proxy = Path.Combine(_dataPath, "nginx.conf");
        await File.WriteAllTextAsync(proxy, "location / {\n  proxy_pass http://127.0.0.1:5000;\n}\n");

        var gateway = await PortalProcess.RunAsync(_dataPath, ["doctor", "--sintoma", "502", $"--Doctor:ProxyConfigPath={proxy}", .. _database]);
        Assert.Contains("== Verificações gerais ==", gateway.Output);
        Assert.Contains("== Sintoma: Erro 502/504 ==", gateway.Output);
        Assert.DoesNotContain("== Sintoma: O site não abre ==", gateway.Output);
        // OPS-17 (the test harness makes the portal listen on a free port, given as Urls=…:0).
        Assert.Contains("[FALHA] Proxy → portal: o proxy aponta para a porta 5000, o portal escuta na ", gateway.Output);
        Assert.Contains("[FALHA] Portal local: http://127.0.0.1:0/health/live não respondeu.", gateway.Output);
        Assert.Contains("Latência do banco", gateway.Output);
        Assert.Equal(1, gateway.ExitCode);

        var serverError = await PortalProcess.RunAsync(_dataPath, ["doctor", "--sintoma=500", .. _database]);
        Assert.Contains("== Sintoma: Erro 500 ==", serverError.Output);
        Assert.Contains("[OK] Armazenamento", serverError.Output);
        // On MariaDB the first `migrate` logs EF's "database does not exist yet" error, which this group then lists.
        Assert.True(serverError.Output.Contains("Nenhum erro registrado nos últimos 7 dias.", StringComparison.Ordinal)
            || serverError.Output.Contains("[ATENÇÃO] Último erro: ", StringComparison.Ordinal), serverError.Output);

        var unknown = await PortalProcess.RunAsync(_dataPath, ["doctor", "--sintoma", "lento", .. _database]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Sintoma desconhecido: 'lento'", unknown.Output);
    }

    [Fact]
    public async Task Keys_rotate_adds_a_key_and_the_old_ones_stay()
    {
        Assert.Equal(0, (await PortalProcess.RunAsync(_dataPath, ["migrate", .. _database])).ExitCode);
        var first = await PortalProcess.RunAsync(_dataPath, ["keys", "rotate", .. _database]);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Nova chave de criptografia", first.Output);
        var second = await PortalProcess.RunAsync(_dataPath, ["keys", "rotate", .. _database]);
        Assert.Equal(0, second.ExitCode);
        var before = int.Parse(System.Text.RegularExpressions.Regex.Match(first.Output, @"As (\d+) chave").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"As {before + 1} chave(s) anteriores continuam no banco", second.Output);

        var usage = await PortalProcess.RunAsync(_dataPath, ["keys", .. _database]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Uso: portal keys rotate", usage.Output);
    }
}

public sealed class DoctorCliTestsSqlite() : DoctorCliTests(DatabaseKind.Sqlite);

public sealed class DoctorCliTestsMySql() : DoctorCliTests(DatabaseKind.MySql);
