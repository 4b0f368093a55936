using Portal.Platform.Configuration;
using Portal.Platform.Ops.Backup;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Configuração válida": the start-up settings of operations.md §2 that are easy to get wrong.</summary>
public sealed class ConfigurationCheck(IConfiguration config, IHostEnvironment environment, PortalPaths paths) : IDoctorCheck
{
    private const string Name = "Configuração";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        var problems = new List<DoctorFinding>();
        var publicUrl = config["Portal:PublicUrl"];
        if (string.IsNullOrWhiteSpace(publicUrl))
        {
            if (environment.IsProduction())
                problems.Add(DoctorFinding.Failed(Name, "Portal:PublicUrl não está definido.",
                    "Defina Portal:PublicUrl (ex.: https://portal.firma.com.br) em portal.settings.json."));
        }
        else if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add(DoctorFinding.Failed(Name, $"Portal:PublicUrl inválido: '{publicUrl}'.", "Use um endereço completo, ex.: https://portal.firma.com.br"));
        else if (uri.Scheme == "http" && environment.IsProduction())
            problems.Add(DoctorFinding.Warning(Name, "Portal:PublicUrl usa http.", "Publique o portal com HTTPS (proxy reverso ou Tls:Mode = Kestrel)."));

        if ((config["Database:Provider"] ?? "Sqlite").Trim().ToLowerInvariant() is not ("sqlite" or "mysql" or "mariadb"))
            problems.Add(DoctorFinding.Failed(Name, $"Database:Provider inválido: '{config["Database:Provider"]}'.", "Use Sqlite ou MySql."));
        if (config["Tls:Mode"] is { Length: > 0 } mode && !Enum.TryParse<TlsMode>(mode, true, out _))
            problems.Add(DoctorFinding.Failed(Name, $"Tls:Mode inválido: '{mode}'.", "Use Proxy, Kestrel ou None."));
        try { BackupOptions.ParseSchedule(config["Backup:Schedule"] is { Length: > 0 } s ? s : BackupOptions.DefaultSchedule); }
        catch (FormatException ex) { problems.Add(DoctorFinding.Failed(Name, ex.Message, "Corrija Backup:Schedule, ex.: 'weekly Sun 02:00' ou 'daily 02:00'.")); }
        if (config["Backup:IncludeKeys"] != "false" && string.IsNullOrEmpty(config["Backup:ArchivePassword"]))
            problems.Add(DoctorFinding.Warning(Name, "Os backups incluem as chaves, mas não têm senha (Backup:ArchivePassword).",
                "Defina Backup:ArchivePassword para criptografar os arquivos de backup (AES-256)."));
        var inside = Path.GetFullPath(paths.DataPath).StartsWith(Path.GetFullPath(Path.Combine(environment.ContentRootPath, "wwwroot")), StringComparison.Ordinal);
        if (inside)
            problems.Add(DoctorFinding.Failed(Name, "Portal:DataPath está dentro da pasta pública wwwroot.", "Mova a pasta de dados para fora de wwwroot."));
        IReadOnlyList<DoctorFinding> result = problems.Count > 0 ? problems : [DoctorFinding.Ok(Name, "Configuração válida.")];
        return Task.FromResult(result);
    }
}
