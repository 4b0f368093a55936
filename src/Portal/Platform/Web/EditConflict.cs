namespace Portal.Platform.Web;

/// <summary>The stale-edit conflict of platform.md §2, shared by every edit form.</summary>
public static class EditConflict
{
    public const string Message = "Este registro foi alterado por outra pessoa enquanto você editava. Confira os valores atuais e salve novamente.";

    /// <summary>Fields whose posted value differs from the stored one, mapped to what this person had typed.</summary>
    public static Dictionary<string, string> Differences(IReadOnlyDictionary<string, string?> posted, IReadOnlyDictionary<string, string?> stored) =>
        posted.Where(p => p.Value != stored.GetValueOrDefault(p.Key))
            .ToDictionary(p => p.Key, p => p.Value ?? "(vazio)", StringComparer.Ordinal);

    public static string YesNo(bool value) => value ? "sim" : "não";
}
