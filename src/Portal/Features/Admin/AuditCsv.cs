using System.Text;
using Portal.Platform.Audit;
using Portal.Platform.Time;

namespace Portal.Features.Admin;

/// <summary>
/// The audit CSV: UTF-8 with BOM and ";" so a pt-BR spreadsheet opens it with accents intact (reports.md §2),
/// São Paulo times, restricted entries masked like on screen.
/// </summary>
public static class AuditCsv
{
    public const string Restricted = "Registro restrito";

    public static readonly string[] Header =
        ["Data/hora", "Usuário", "ID do usuário", "Canal", "Ação", "Código da ação", "Tipo de recurso", "ID do recurso", "Recurso", "Resumo", "Alterações", "IP", "Navegador", "ID da requisição"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, bool canSeeRestricted, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(Line(Header));
        await foreach (var e in entries.WithCancellation(ct))
        {
            var hidden = e.IsRestricted && !canSeeRestricted;
            await writer.WriteLineAsync(Line(
            [
                SaoPaulo.FromUtc(e.OccurredAt).ToString("dd/MM/yyyy HH:mm:ss", Culture.PtBr),
                e.ActorName, e.ActorUserId?.ToString(Culture.PtBr), e.Channel, AuditLabels.Action(e.Action), e.Action,
                AuditLabels.ResourceType(e.ResourceType), hidden ? null : e.ResourceId,
                hidden ? Restricted : e.ResourceLabel, hidden ? Restricted : e.Summary,
                hidden ? null : Changes(e.ChangesJson), e.Ip, e.UserAgent, e.RequestId,
            ]));
        }
        await writer.FlushAsync(ct);
    }

    private static string? Changes(string? json) =>
        string.Join(" | ", AuditLog.ParseChanges(json).Select(c => $"{c.Field}: {c.Old ?? "—"} → {c.New ?? "—"}")) is { Length: > 0 } s ? s : null;

    private static string Line(IEnumerable<string?> values) => string.Join(';', values.Select(Field));

    /// <summary>Quotes when needed; a leading formula character is neutralised so a spreadsheet never runs it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
