using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Configuration;
using Portal.Platform.Data;

namespace Portal.Platform.Setup;

/// <summary>
/// First-run state (operations.md §3 step 6): while no active administrator exists, a one-time setup code is
/// printed, logged and written to &lt;DataPath&gt;/setup-code.txt, and every page but /login leads to /setup.
/// </summary>
public sealed class SetupState(PortalPaths paths, ILogger<SetupState> logger)
{
    private volatile bool _pending;
    private string? _code;

    public bool IsPending => _pending;

    public static Task<bool> HasActiveAdministratorAsync(PortalDb db, CancellationToken ct = default) =>
        db.Users.AnyAsync(u => u.IsActive && u.Roles.Any(r => r.Role.IsAdministrator), ct);

    public async Task RefreshAsync(PortalDb db, CancellationToken ct = default)
    {
        _pending = !await HasActiveAdministratorAsync(db, ct);
        if (!_pending)
        {
            _code = null;
            TryDelete();
            return;
        }
        if (_code is not null) return;
        _code = NewCode();
        await File.WriteAllTextAsync(paths.SetupCodeFile, _code + Environment.NewLine, ct);
        logger.LogWarning("Configuração inicial pendente. Abra /setup e informe o código {SetupCode} (também em {SetupCodeFile}).",
            _code, paths.SetupCodeFile);
    }

    public bool CodeMatches(string? code) =>
        _code is not null && code is not null &&
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(Normalize(code)), System.Text.Encoding.UTF8.GetBytes(Normalize(_code)));

    public void Complete()
    {
        _pending = false;
        _code = null;
        TryDelete();
    }

    private void TryDelete()
    {
        try { File.Delete(paths.SetupCodeFile); }
        catch (IOException) { }
    }

    private static string Normalize(string code) => code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 8);
        return new string(chars, 0, 4) + "-" + new string(chars, 4, 4);
    }
}
