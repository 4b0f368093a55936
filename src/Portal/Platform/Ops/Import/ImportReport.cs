using System.Text;
using System.Text.Json.Serialization;

namespace Portal.Platform.Ops.Import;

/// <summary>Per-entity counts and warnings (operations.md §9.1 step 4). Never holds a password or decrypted secret:
/// warnings name rows and fields, not values of secret fields.</summary>
public sealed class ImportReport
{
    public const int MaxWarningsPerEntity = 2000;

    public string Source { get; set; } = "";
    public bool DryRun { get; set; }
    public bool Update { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
    public List<EntityReport> Entities { get; set; } = [];
    public List<string> MissingTables { get; set; } = [];
    public List<string> UnknownTables { get; set; } = [];
    public List<string> UsersWithoutEmail { get; set; } = [];

    public EntityReport For(string entity)
    {
        var found = Entities.FirstOrDefault(e => e.Entity == entity);
        if (found is null) Entities.Add(found = new EntityReport { Entity = entity });
        return found;
    }

    [JsonIgnore] public int TotalWarnings => Entities.Sum(e => e.WarningCount);

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"Importação do portal original — {(DryRun ? "simulação (nada gravado)" : "execução")}");
        text.AppendLine($"Origem: {Source}");
        if (Error is not null) text.AppendLine($"ERRO: {Error}");
        if (MissingTables.Count > 0) text.AppendLine($"Tabelas ausentes na origem: {string.Join(", ", MissingTables)}");
        if (UnknownTables.Count > 0) text.AppendLine($"Tabelas não reconhecidas (ignoradas): {string.Join(", ", UnknownTables)}");
        text.AppendLine();
        text.AppendLine($"{"Entidade",-28} {"Origem",8} {"Import.",8} {"Atualiz.",8} {"Ignor.",8} {"Avisos",8}");
        foreach (var e in Entities)
            text.AppendLine($"{e.Entity,-28} {e.Source,8} {e.Imported,8} {e.Updated,8} {e.Skipped,8} {e.WarningCount,8}");
        foreach (var e in Entities.Where(e => e.Warnings.Count > 0))
        {
            text.AppendLine();
            text.AppendLine($"Avisos — {e.Entity}:");
            foreach (var w in e.Warnings) text.AppendLine($"  - {w}");
            if (e.WarningCount > e.Warnings.Count) text.AppendLine($"  … e mais {e.WarningCount - e.Warnings.Count}");
        }
        return text.ToString();
    }
}

public sealed class EntityReport
{
    public string Entity { get; set; } = "";
    public int Source { get; set; }
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int WarningCount { get; set; }
    public List<string> Warnings { get; set; } = [];

    public void Warn(string message)
    {
        WarningCount++;
        if (Warnings.Count < ImportReport.MaxWarningsPerEntity) Warnings.Add(message);
    }
}
