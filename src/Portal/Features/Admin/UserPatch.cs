using System.Text.Json;
using Portal.Platform.Identity;
using Portal.Platform.Validation;

namespace Portal.Features.Admin;

/// <summary>
/// A partial user update (PATCH). A typed body cannot tell "absent" from "null", and here that matters: an absent
/// field keeps its value while <c>"fullName": null</c> is an attempt to clear it (→ "Campo obrigatório.").
/// </summary>
public sealed class UserPatch
{
    public const string InvalidValue = "Valor inválido.";

    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    public string? Email { get; private set; }
    public string? Username { get; private set; }
    public string? FullName { get; private set; }
    public bool? IsActive { get; private set; }
    public IReadOnlyList<long>? SectorIds { get; private set; }
    public IReadOnlyList<long>? RoleIds { get; private set; }
    public int? Version { get; private set; }

    public bool Has(string field) => _present.Contains(field);

    /// <summary>Reads the known fields (case-insensitive, unknown ones ignored); wrong types become field errors.</summary>
    public static UserPatch Parse(JsonElement body, FieldErrors errors)
    {
        var patch = new UserPatch();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", "O corpo da requisição deve ser um objeto JSON.");
            return patch;
        }
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name.ToLowerInvariant())
            {
                case "email": patch.Email = patch.Text("email", value, errors); break;
                case "username": patch.Username = patch.Text("username", value, errors); break;
                case "fullname": patch.FullName = patch.Text("fullName", value, errors); break;
                case "isactive":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) patch.Mark("isActive").IsActive = value.GetBoolean();
                    else errors.Add("isActive", InvalidValue);
                    break;
                case "sectorids": patch.SectorIds = patch.Ids("sectorIds", value, errors); break;
                case "roleids": patch.RoleIds = patch.Ids("roleIds", value, errors); break;
                case "version":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var version)) patch.Version = version;
                    else errors.Add("version", InvalidValue);
                    break;
            }
        }
        return patch;
    }

    /// <summary>The full input for <see cref="UserAccounts.UpdateAsync"/>: present fields replace the current ones.</summary>
    public UserInput MergeInto(User current) => new(
        Has("email") ? Email : current.Email,
        Has("username") ? Username : current.Username,
        Has("fullName") ? FullName : current.FullName,
        IsActive ?? current.IsActive,
        SectorIds ?? current.Sectors.Select(s => s.SectorId).ToList(),
        RoleIds ?? current.Roles.Select(r => r.RoleId).ToList());

    private UserPatch Mark(string field)
    {
        _present.Add(field);
        return this;
    }

    private string? Text(string field, JsonElement value, FieldErrors errors)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            errors.Add(field, InvalidValue);
            return null;
        }
        Mark(field);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    private List<long>? Ids(string field, JsonElement value, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, InvalidValue);
            return null;
        }
        var ids = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var id))
            {
                errors.Add(field, InvalidValue);
                return null;
            }
            ids.Add(id);
        }
        Mark(field);
        return ids.Distinct().ToList();
    }
}
