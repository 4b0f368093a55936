using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;

namespace Portal.Platform.Ops.Doctor;

/// <summary>"Banco de dados acessível e migrado".</summary>
public sealed class DatabaseCheck(IServiceScopeFactory scopes, DatabaseProvider provider) : IDoctorCheck
{
    private const string Name = "Banco de dados";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (!await db.Database.CanConnectAsync(timeout.Token))
                return [Unreachable()];
            var latency = watch.ElapsedMilliseconds;
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            var reachable = DoctorFinding.Ok(Name, $"{provider.Kind} acessível ({latency} ms).");
            return pending.Count == 0
                ? [reachable, DoctorFinding.Ok("Migrações", "Esquema do banco atualizado.")]
                : [reachable, DoctorFinding.Failed("Migrações", $"{pending.Count} migração(ões) pendente(s): {string.Join(", ", pending.Take(5))}.",
                    "Execute `portal migrate` (ou ative Database:MigrateOnStartup) e reinicie o serviço.")];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return [Unreachable()];
        }
    }

    private DoctorFinding Unreachable() => DoctorFinding.Failed(Name, $"{provider.Kind} não responde.",
        provider.Kind == DatabaseKind.MySql
            ? "Verifique se o serviço MySQL/MariaDB está rodando, o endereço/porta e usuário/senha em Database:ConnectionString."
            : "Verifique se o arquivo do banco existe e se a conta do serviço tem permissão de leitura e escrita na pasta de dados.");
}
