namespace Portal.Platform.Authorization;

/// <summary>Where a permission comes from, for "Permissões efetivas" (identity.md §10).</summary>
public sealed record PermissionOrigin(string Kind, long Id, string Name)
{
    public string Label => Kind == "role" ? $"Papel {Name}" : $"Setor {Name}";
}

/// <summary>The union of a user's role and active-sector grants; Administrador holds everything.</summary>
public sealed class PermissionSet
{
    public static readonly PermissionSet Empty = new(false, new HashSet<string>());
    public static readonly PermissionSet Administrator = new(true, new HashSet<string>());

    private readonly HashSet<string> _codes;

    public PermissionSet(bool isAdministrator, HashSet<string> codes)
    {
        IsAdministrator = isAdministrator;
        _codes = codes;
    }

    public bool IsAdministrator { get; }

    public bool Has(string code) => IsAdministrator || _codes.Contains(code);

    public bool HasAny(params string[] codes) => codes.Any(Has);

    public IEnumerable<string> Codes => IsAdministrator ? Permissions.All.Select(p => p.Code) : _codes;
}
